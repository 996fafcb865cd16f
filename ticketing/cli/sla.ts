/**
 * What-if SLA calculator: when are a request's goals due if it is opened at a given time, under
 * which policy version?
 *
 *   npm run --silent sla -- --category technical --severity B --at 2026-03-10T10:00:00+01:00 [--premier] [--tz Europe/Warsaw] [--holidays 2026-12-24,2026-12-25]
 *   npm run --silent sla -- ... --policy-version 3        # a version stored in Redis (REDIS_URL, REDIS_PREFIX)
 *   npm run --silent sla -- ... --policy-file policy.json # a policy not stored yet, checked as the API checks it
 *   npm run --silent sla -- --ticket SR-2026-000123 [--severity C] [--at ...]
 *
 * With --ticket the ticket's own policy version, organisation, category, grade and creation time
 * are the defaults (each flag overrides one: --severity C asks "what if it were C?"), and the
 * ticket's goals as they stand are explained beside the what-if. Without --ticket or
 * --policy-version nothing reads Redis: the repository's policy (version 1) is used.
 *
 * Prints one JSON line. A refused grade prints {"error":"severity_not_allowed",...}, bad
 * arguments {"error":"invalid_arguments",...}, an unknown ticket or version
 * {"error":"not_found",...}; all exit with status 2.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { newRedisClient, type RedisClient } from '../../common/redisConnection';
import { DateTime } from 'luxon';
import { loadConfig } from '../../common/config';
import { isKnownZone, isLocalDate, workingDayMs } from '../domain/calendar';
import { explainDeadline, explainGoals } from '../domain/explain';
import { DEFAULT_TIME_ZONE, checkGradeAllowed } from '../domain/policy';
import { goalTerms, startGoalClock } from '../domain/sla';
import { DEFAULT_SLA_POLICY, SLA_GOALS, type SlaPolicy, type SlaPolicyDocument } from '../domain/slaPolicy';
import { formatDuration } from '../domain/duration';
import { CATEGORIES, DomainError, GRADES, type Category, type Grade, type Organisation, type Ticket } from '../domain/types';
import { preparePolicy, SlaPolicies } from '../service/slaPolicies';
import { TicketStore } from '../store/ticketStore';
import { OrganisationStore } from '../store/organisationStore';

class UsageError extends Error {}
class NotFound extends Error {}

const USAGE =
  'usage: sla --category technical|billing|presales --severity A|B|C --at <ISO 8601> [--premier] [--tz <IANA zone>] [--holidays YYYY-MM-DD,...] [--policy-version N | --policy-file <json>] | sla --ticket SR-YYYY-NNNNNN [--severity ...] [--at ...]';

const OPTIONS = {
  category: { type: 'string' },
  severity: { type: 'string' },
  at: { type: 'string' },
  premier: { type: 'boolean', default: false },
  tz: { type: 'string' },
  holidays: { type: 'string', default: '' },
  'policy-version': { type: 'string' },
  'policy-file': { type: 'string' },
  ticket: { type: 'string' },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** What the stored parts give the calculator: a policy version, and with --ticket the ticket and its organisation. */
export interface StoredContext {
  policy: SlaPolicy;
  ticket?: Ticket;
  org?: Organisation;
}

export function parseSlaArgs(argv: string[]): Values {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; ${USAGE}`);
  }
}

/** The what-if for parsed arguments under a policy (by default the repository's); pure. */
export function whatIf(values: Values, context: StoredContext = { policy: DEFAULT_SLA_POLICY }, now = new Date()): Record<string, unknown> {
  const { ticket, policy } = context;
  const category = (values.category ?? ticket?.category) as Category;
  if (!CATEGORIES.includes(category))
    throw new UsageError(`--category must be one of ${CATEGORIES.join(', ')} (got ${JSON.stringify(values.category ?? null)})`);
  const grade = (values.severity ?? ticket?.grade) as Grade;
  if (!GRADES.includes(grade))
    throw new UsageError(`--severity must be one of ${GRADES.join(', ')} (got ${JSON.stringify(values.severity ?? null)})`);
  const timeZone = values.tz ?? context.org?.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isKnownZone(timeZone)) throw new UsageError(`--tz "${timeZone}" is not an IANA time zone such as Europe/Warsaw`);
  const atText = values.at ?? ticket?.createdAt;
  if (!atText) throw new UsageError(`--at is required (an ISO 8601 time such as 2026-03-10T10:00:00+01:00); ${USAGE}`);
  // A time without an offset is read as wall-clock time in --tz.
  const at = DateTime.fromISO(atText, { zone: timeZone });
  if (!at.isValid) throw new UsageError(`--at "${atText}" is not an ISO 8601 time such as 2026-03-10T10:00:00+01:00`);
  const holidays = values
    .holidays!.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (const holiday of holidays) {
    if (!isLocalDate(holiday)) throw new UsageError(`--holidays "${holiday}" is not a YYYY-MM-DD date`);
  }

  const org: Organisation = {
    id: context.org?.id ?? 'what-if',
    name: context.org?.name ?? 'the organisation',
    timeZone,
    contract: values.premier ? 'premier' : (context.org?.contract ?? 'standard'),
    administrators: [],
    holidays: [...(context.org?.holidays ?? []), ...holidays],
  };
  checkGradeAllowed(org, category, grade);
  const terms = goalTerms(org, category, grade, policy);
  const local = (iso: string | null) =>
    iso === null ? null : DateTime.fromISO(iso).setZone(timeZone).toISO({ suppressMilliseconds: true });
  // Each goal the policy measures, as if its clock started at --at (a next response starts at a customer message).
  const goals = Object.fromEntries(
    SLA_GOALS.flatMap((goal) => {
      const clock = startGoalClock(terms, goal, at.toJSDate());
      if (!clock) return [];
      return [
        [
          goal,
          { due: local(clock.dueAt), warningAt: local(clock.warningAt), targetMs: clock.targetMs, target: formatDuration(clock.targetMs) },
        ],
      ];
    }),
  );
  const first = goals.first_response!;
  const result: Record<string, unknown> = {
    category,
    grade,
    contract: org.contract,
    timeZone,
    policyVersion: policy.version,
    createdAt: local(at.toUTC().toISO()),
    firstResponseDue: first.due,
    warningAt: first.warningAt,
    calendar: terms.calendar.name,
    realTime: terms.calendar.realTime,
    targetMs: first.targetMs,
    target: first.target,
    businessDayMs: workingDayMs(terms.calendar),
    holidays: terms.calendar.holidays.filter((d) => d >= (at.toISODate() ?? '')).slice(0, 20),
    goals,
  };
  if (ticket) {
    // The ticket's goals as they stand (pauses, replies, regrades), in the same words as the console.
    result.ticket = {
      id: ticket.id,
      policyVersion: ticket.terms?.policyVersion ?? 1,
      firstResponse: explainDeadline(ticket, now).summary,
      ...Object.fromEntries(explainGoals(ticket, now).map((g) => [g.goal === 'next_response' ? 'nextResponse' : 'resolution', g.summary])),
    };
  }
  return result;
}

/** A policy file checked and its countries' holidays expanded, as POST /api/sla/policies would store it. */
function policyFromFile(path: string, now: Date): SlaPolicy {
  let document: SlaPolicyDocument;
  try {
    document = JSON.parse(readFileSync(path, 'utf8')) as SlaPolicyDocument;
  } catch (err) {
    throw new UsageError(`--policy-file "${path}" is not a readable JSON policy: ${(err as Error).message}`);
  }
  return { ...preparePolicy(document, now), version: 0, storedAt: now.toISOString(), storedBy: path };
}

/** Reads the stored version and ticket the arguments name; `redis` only when they name one. */
export async function storedContext(
  values: Values,
  redis: () => { redis: RedisClient; prefix: string },
  now: Date,
): Promise<StoredContext> {
  if (values['policy-file']) {
    if (values['policy-version'] || values.ticket) throw new UsageError('--policy-file goes without --policy-version and --ticket');
    return { policy: policyFromFile(values['policy-file'], now) };
  }
  if (!values.ticket && !values['policy-version']) return { policy: DEFAULT_SLA_POLICY };
  const { redis: client, prefix } = redis();
  const policies = new SlaPolicies(client, prefix, () => now);
  const context: Partial<StoredContext> = {};
  if (values.ticket) {
    const ticket = (await new TicketStore(client, prefix).get(values.ticket.toUpperCase()))?.ticket;
    if (!ticket) throw new NotFound(`ticket ${values.ticket} is not in the store at this REDIS_URL and REDIS_PREFIX`);
    context.ticket = ticket;
    context.org = (await new OrganisationStore(client, prefix).get(ticket.orgId)) ?? undefined;
  }
  const version = values['policy-version'] ? Number(values['policy-version']) : (context.ticket?.terms?.policyVersion ?? 1);
  if (!Number.isInteger(version) || version < 1)
    throw new UsageError(`--policy-version must be a whole number from 1 (got ${values['policy-version']})`);
  try {
    context.policy = await policies.version(version);
  } catch {
    throw new NotFound(`SLA policy version ${version} is not stored`);
  }
  return context as StoredContext;
}

/** Writes the one JSON line for `argv` and returns the exit status: 0, or 2 for a refused grade, bad arguments or nothing found. */
export async function runSla(
  argv: string[],
  writeLine: (line: string) => void,
  connect: () => { redis: RedisClient; prefix: string } = connectFromConfig,
  now = new Date(),
): Promise<number> {
  try {
    const values = parseSlaArgs(argv);
    writeLine(JSON.stringify(whatIf(values, await storedContext(values, connect, now), now)));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) writeLine(JSON.stringify({ error: 'invalid_arguments', message: err.message }));
    else if (err instanceof NotFound) writeLine(JSON.stringify({ error: 'not_found', message: err.message }));
    else if (err instanceof DomainError) writeLine(JSON.stringify({ error: err.code, message: err.message }));
    else throw err;
    return 2;
  }
}

let opened: RedisClient | null = null;
function connectFromConfig(): { redis: RedisClient; prefix: string } {
  const { redis } = loadConfig(process.env);
  opened ??= newRedisClient(redis.url, { maxRetriesPerRequest: 2, lazyConnect: false });
  return { redis: opened, prefix: redis.prefix };
}

if (require.main === module) {
  runSla(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`))
    .then((code) => (process.exitCode = code))
    .finally(() => opened?.disconnect());
}
