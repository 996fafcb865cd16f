import type { RedisClient } from '../../common/redisConnection';
import type { SlaPolicy, SlaPolicyDocument } from '../domain/slaPolicy';
import { keys } from './keys';
import { ScriptedRedis, withScripts } from './scripts';

interface StoredRecord {
  document: SlaPolicyDocument;
  storedAt: string;
  storedBy: string;
}

/**
 * SLA policy versions in Redis. A version never changes once stored (so it is cached for good);
 * storing one takes the next number and writes the record in one script.
 */
export class SlaPolicyStore {
  private readonly redis: ScriptedRedis;
  private readonly cache = new Map<number, SlaPolicy>();

  constructor(
    redis: RedisClient,
    readonly prefix: string,
  ) {
    this.redis = withScripts(redis);
  }

  /** Stores a new version (holidays already expanded); with onlyFirst, only when none exists (null then). */
  async store(document: SlaPolicyDocument, storedBy: string, now: Date, onlyFirst = false): Promise<SlaPolicy | null> {
    const record: StoredRecord = { document, storedAt: now.toISOString(), storedBy };
    const version = Number(
      await this.redis.deskStoreSlaPolicy(
        2,
        keys.slaPolicyLatest(this.prefix),
        keys.slaPolicyVersions(this.prefix),
        JSON.stringify(record),
        onlyFirst ? '1' : '0',
      ),
    );
    return version === 0 ? null : this.remember(version, record);
  }

  async latestVersion(): Promise<number | null> {
    const latest = await this.redis.get(keys.slaPolicyLatest(this.prefix));
    return latest === null ? null : Number(latest);
  }

  async get(version: number): Promise<SlaPolicy | null> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const json = await this.redis.hget(keys.slaPolicyVersions(this.prefix), String(version));
    return json === null ? null : this.remember(version, JSON.parse(json) as StoredRecord);
  }

  /** The newest versions first, at most `limit`. */
  async list(limit: number): Promise<SlaPolicy[]> {
    const latest = (await this.latestVersion()) ?? 0;
    const versions: SlaPolicy[] = [];
    for (let v = latest; v >= 1 && versions.length < limit; v--) {
      const policy = await this.get(v);
      if (policy) versions.push(policy);
    }
    return versions;
  }

  private remember(version: number, record: StoredRecord): SlaPolicy {
    const policy: SlaPolicy = { ...record.document, version, storedAt: record.storedAt, storedBy: record.storedBy };
    this.cache.set(version, policy);
    return policy;
  }
}
