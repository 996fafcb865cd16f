/**
 * What-if SLA calculator: when is the first response due for a request opened at a given time?
 *
 *   npm run --silent sla -- --category technical --severity B --at 2026-03-10T10:00:00+01:00 [--premier] [--tz Europe/Warsaw] [--holidays 2026-12-24,2026-12-25]
 *
 * Prints one JSON line. A refused grade prints {"error":"severity_not_allowed",...} and bad
 * arguments {"error":"invalid_arguments",...}; both exit with status 2.
 */
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { isKnownZone, isLocalDate, workingDayMs } from '../domain/calendar';
import { DEFAULT_TIME_ZONE, checkGradeAllowed } from '../domain/policy';
import { goalTerms, startClock } from '../domain/sla';
import { formatDuration } from '../domain/duration';
import { CATEGORIES, DomainError, GRADES, type Category, type Grade, type Organisation } from '../domain/types';

class UsageError extends Error {}

const USAGE =
  'usage: sla --category technical|billing|presales --severity A|B|C --at <ISO 8601> [--premier] [--tz <IANA zone>] [--holidays YYYY-MM-DD,...]';

export function whatIf(argv: string[]): Record<string, unknown> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        category: { type: 'string' },
        severity: { type: 'string' },
        at: { type: 'string' },
        premier: { type: 'boolean', default: false },
        tz: { type: 'string', default: DEFAULT_TIME_ZONE },
        holidays: { type: 'string', default: '' },
      },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; ${USAGE}`);
  }
  const category = values.category as Category;
  if (!CATEGORIES.includes(category))
    throw new UsageError(`--category must be one of ${CATEGORIES.join(', ')} (got ${JSON.stringify(values.category ?? null)})`);
  const grade = values.severity as Grade;
  if (!GRADES.includes(grade))
    throw new UsageError(`--severity must be one of ${GRADES.join(', ')} (got ${JSON.stringify(values.severity ?? null)})`);
  const timeZone = values.tz!;
  if (!isKnownZone(timeZone)) throw new UsageError(`--tz "${timeZone}" is not an IANA time zone such as Europe/Warsaw`);
  if (!values.at) throw new UsageError(`--at is required (an ISO 8601 time such as 2026-03-10T10:00:00+01:00); ${USAGE}`);
  // A time without an offset is read as wall-clock time in --tz.
  const at = DateTime.fromISO(values.at, { zone: timeZone });
  if (!at.isValid) throw new UsageError(`--at "${values.at}" is not an ISO 8601 time such as 2026-03-10T10:00:00+01:00`);
  const holidays = values
    .holidays!.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (const holiday of holidays) {
    if (!isLocalDate(holiday)) throw new UsageError(`--holidays "${holiday}" is not a YYYY-MM-DD date`);
  }

  const org: Organisation = {
    id: 'what-if',
    name: 'the organisation',
    timeZone,
    contract: values.premier ? 'premier' : 'standard',
    administrators: [],
    holidays,
  };
  checkGradeAllowed(org, category, grade);
  const { calendar } = goalTerms(org, category, grade);
  const clock = startClock(org, category, grade, at.toJSDate());
  const local = (iso: string | null) =>
    iso === null ? null : DateTime.fromISO(iso).setZone(timeZone).toISO({ suppressMilliseconds: true });
  return {
    category,
    grade,
    contract: org.contract,
    timeZone,
    createdAt: local(clock.startedAt),
    firstResponseDue: local(clock.dueAt),
    warningAt: local(clock.warningAt),
    calendar: calendar.name,
    realTime: calendar.realTime,
    targetMs: clock.targetMs,
    target: formatDuration(clock.targetMs),
    businessDayMs: workingDayMs(calendar),
    holidays: calendar.holidays,
  };
}

/** Writes the one JSON line for `argv` and returns the exit status: 0, or 2 for a refused grade or bad arguments. */
export function runSla(argv: string[], writeLine: (line: string) => void): number {
  try {
    writeLine(JSON.stringify(whatIf(argv)));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) writeLine(JSON.stringify({ error: 'invalid_arguments', message: err.message }));
    else if (err instanceof DomainError) writeLine(JSON.stringify({ error: err.code, message: err.message }));
    else throw err;
    return 2;
  }
}

if (require.main === module) process.exitCode = runSla(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
