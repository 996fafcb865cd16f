import type { RedisClient } from '../../common/redisConnection';
import { checkPolicy, DEFAULT_SLA_POLICY_DOCUMENT, type SlaPolicy, type SlaPolicyDocument } from '../domain/slaPolicy';
import { SlaPolicyStore } from '../store/slaPolicyStore';
import { publicHolidays } from './publicHolidays';

/** Years of public holidays a stored version holds: the year before it was stored to two years after. */
const HOLIDAY_YEARS = { before: 1, after: 2 };

/**
 * The SLA policy versions (docs/sla.md, "Policies"). The repository's policy file becomes
 * version 1 the first time a version is asked for; an operator stores later ones. A new ticket
 * takes the latest version and keeps it: later versions never move its deadlines.
 */
export class SlaPolicies {
  readonly store: SlaPolicyStore;

  constructor(
    redis: RedisClient,
    prefix: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.store = new SlaPolicyStore(redis, prefix);
  }

  /** The version new tickets are opened under. */
  async current(): Promise<SlaPolicy> {
    const latest = (await this.store.latestVersion()) ?? (await this.seed());
    return this.version(latest);
  }

  /** A stored version; tickets opened before policies existed are under version 1. */
  async version(version = 1): Promise<SlaPolicy> {
    const policy = await this.store.get(version);
    if (policy) return policy;
    if (version === 1) return this.version(await this.seed());
    throw new Error(`SLA policy version ${version} is not stored`);
  }

  list(limit = 50): Promise<SlaPolicy[]> {
    return this.store.list(limit);
  }

  /** Checks a policy and expands its countries' public holidays into dates; throws DomainError('invalid_sla_policy') naming the field. */
  prepare(document: SlaPolicyDocument): SlaPolicyDocument {
    return preparePolicy(document, this.clock());
  }

  /** Stores a new version that new tickets take from now on. */
  async add(document: SlaPolicyDocument, storedBy: string): Promise<SlaPolicy> {
    return (await this.store.store(this.prepare(document), storedBy, this.clock()))!;
  }

  /** Stores the repository's policy as version 1 unless a version exists; returns the latest version. */
  private async seed(): Promise<number> {
    await this.store.store(this.prepare(DEFAULT_SLA_POLICY_DOCUMENT), 'repository', this.clock(), true);
    return (await this.store.latestVersion())!;
  }
}

/** A policy checked, its countries' public holidays expanded into dates around `now`'s year (also the `sla` calculator's --policy-file). */
export function preparePolicy(document: SlaPolicyDocument, now: Date): SlaPolicyDocument {
  const year = now.getUTCFullYear();
  const years: number[] = [];
  for (let y = year - HOLIDAY_YEARS.before; y <= year + HOLIDAY_YEARS.after; y++) years.push(y);
  const calendars = Object.fromEntries(
    Object.entries(document.calendars ?? {}).map(([name, spec]) => {
      if (!spec.holidayCountry) return [name, spec];
      const expanded = publicHolidays(spec.holidayCountry, years, `calendars.${name}.holidayCountry`);
      return [name, { ...spec, holidays: [...new Set([...(spec.holidays ?? []), ...expanded])].sort() }];
    }),
  );
  return checkPolicy({ ...document, calendars });
}
