import { validateCalendar, workingDayMs, type Calendar, type Weekday, type WorkingRange } from './calendar';
import defaultDocument from './defaultSlaPolicy.json';
import { CATEGORIES, CONTRACTS, DomainError, GRADES, type Category, type Contract, type Grade, type Organisation } from './types';

/**
 * SLA policies as configuration (docs/sla.md, "Policies"): named calendars and rules that give,
 * per contract, category and grade, the calendar and the target of each goal. Policies are
 * versioned; a ticket keeps the version it was opened under. A stored version has its country
 * holidays already expanded into dates, so the functions here need no holiday library.
 */

export const SLA_GOALS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaGoal = (typeof SLA_GOALS)[number];

export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** Working time allowed for a goal: hours of working time, or business days of the rule's calendar. */
export type GoalTarget = { hours: number } | { businessDays: number };

export interface PolicyCalendar {
  /** 24x7 counted in real elapsed time (a DST jump adds or removes no hour); week and holidays do not apply. */
  realTime?: boolean;
  /** Working ranges per weekday; a day left out has none. */
  week?: Partial<Record<WeekdayName, WorkingRange[]>>;
  /** ISO 3166 country code (optionally with a region, 'DE-BY'): its public holidays, expanded when a version is stored. */
  holidayCountry?: string;
  /** Further non-working dates ('YYYY-MM-DD'); in a stored version also the expanded public holidays. */
  holidays?: string[];
  /** Whether the organisation's own holiday dates apply too. */
  organisationHolidays?: boolean;
}

/** A rule applies to the tickets matching each given field; the first matching rule wins. */
export interface PolicyRule {
  contract?: Contract;
  category?: Category;
  grade?: Grade;
  calendar: string;
  targets: Partial<Record<SlaGoal, GoalTarget>> & { first_response: GoalTarget };
}

/** Where warnings and breaches go: each matching route's notifiers are told (log, webhook, teams, ...). */
export interface EscalationRoute {
  goal?: SlaGoal;
  grade?: Grade;
  category?: Category;
  event?: 'warning' | 'breach';
  notify: string[];
}

export interface SlaPolicyDocument {
  calendars: Record<string, PolicyCalendar>;
  rules: PolicyRule[];
  /** Share of each goal's target after which its warning fires (default 0.75). */
  warningShare?: Partial<Record<SlaGoal, number>>;
  escalations?: EscalationRoute[];
}

export interface SlaPolicy extends SlaPolicyDocument {
  version: number;
  storedAt: string;
  storedBy: string;
}

/** The repository's policy (ticketing/domain/defaultSlaPolicy.json): today's three calendars and targets. */
export const DEFAULT_SLA_POLICY_DOCUMENT = defaultDocument as SlaPolicyDocument;

/** The default policy as the version tickets without one were opened under. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  ...DEFAULT_SLA_POLICY_DOCUMENT,
  version: 1,
  storedAt: '1970-01-01T00:00:00.000Z',
  storedBy: 'repository',
};

export const DEFAULT_WARNING_SHARE = 0.75;

export const ESCALATION_NOTIFIERS = ['log', 'webhook', 'teams'] as const;

/** What a ticket's goals are measured by: the calendar and each goal's working-time target. */
export interface GoalTerms {
  calendar: Calendar;
  targets: Partial<Record<SlaGoal, number>>;
  warningShare: Record<SlaGoal, number>;
}

/** The first rule matching the ticket, or a DomainError naming what is not covered. */
export function ruleFor(policy: SlaPolicyDocument, contract: Contract, category: Category, grade: Grade): PolicyRule {
  const rule = policy.rules.find(
    (r) => (r.contract ?? contract) === contract && (r.category ?? category) === category && (r.grade ?? grade) === grade,
  );
  if (!rule)
    throw new DomainError('invalid_sla_policy', `no rule of the SLA policy covers a ${contract} ${category} grade ${grade} ticket`);
  return rule;
}

/** The calendar and targets of a ticket under a policy: the rule's calendar in the organisation's zone. */
export function termsFor(policy: SlaPolicyDocument, org: Organisation, category: Category, grade: Grade, timeZone: string): GoalTerms {
  const rule = ruleFor(policy, org.contract, category, grade);
  const calendar = calendarOf(policy, rule.calendar, timeZone, org.holidays ?? []);
  const targets: Partial<Record<SlaGoal, number>> = {};
  for (const goal of SLA_GOALS) {
    const target = rule.targets[goal];
    if (target) targets[goal] = targetMs(target, calendar);
  }
  const warningShare = Object.fromEntries(SLA_GOALS.map((goal) => [goal, policy.warningShare?.[goal] ?? DEFAULT_WARNING_SHARE])) as Record<
    SlaGoal,
    number
  >;
  return { calendar, targets, warningShare };
}

/** A named calendar of the policy as the working-time arithmetic uses it. */
export function calendarOf(policy: SlaPolicyDocument, name: string, timeZone: string, organisationHolidays: string[]): Calendar {
  const spec = policy.calendars[name];
  if (!spec) throw new DomainError('invalid_sla_policy', `calendars.${name}: the SLA policy has no such calendar`);
  if (spec.realTime) return validateCalendar({ name, timeZone, realTime: true, week: weekOf(ALL_DAY), holidays: [] });
  const holidays = [...new Set([...(spec.holidays ?? []), ...(spec.organisationHolidays ? organisationHolidays : [])])].sort();
  return validateCalendar({ name, timeZone, realTime: false, week: weekOf(spec.week ?? {}), holidays });
}

const ALL_DAY: Record<WeekdayName, WorkingRange[]> = Object.fromEntries(
  WEEKDAY_NAMES.map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
) as Record<WeekdayName, WorkingRange[]>;

function weekOf(week: Partial<Record<WeekdayName, WorkingRange[]>>): Record<Weekday, WorkingRange[]> {
  const result = {} as Record<Weekday, WorkingRange[]>;
  WEEKDAY_NAMES.forEach((name, i) => (result[(i + 1) as Weekday] = (week[name] ?? []).map((r) => ({ start: r.start, end: r.end }))));
  return result;
}

export function targetMs(target: GoalTarget, calendar: Calendar): number {
  return 'hours' in target ? Math.round(target.hours * 3_600_000) : Math.round(target.businessDays * workingDayMs(calendar));
}

/**
 * Checks what the structure alone cannot: every named calendar is valid and has working time,
 * every rule names a known calendar, and every contract, category and grade is covered. Throws
 * DomainError('invalid_sla_policy') naming the field.
 */
export function checkPolicy(policy: SlaPolicyDocument): SlaPolicyDocument {
  for (const [name, spec] of Object.entries(policy.calendars)) {
    if (!spec.realTime && !WEEKDAY_NAMES.some((d) => (spec.week?.[d] ?? []).length > 0))
      throw new DomainError('invalid_sla_policy', `calendars.${name}.week: a calendar needs working hours on at least one weekday`);
    try {
      calendarOf(policy, name, 'UTC', []);
    } catch (err) {
      if (err instanceof DomainError) throw new DomainError('invalid_sla_policy', `calendars.${name}: ${err.message}`);
      throw err;
    }
  }
  policy.rules.forEach((rule, i) => {
    if (!policy.calendars[rule.calendar])
      throw new DomainError(
        'invalid_sla_policy',
        `rules.${i}.calendar: "${rule.calendar}" is not one of the policy's calendars (${Object.keys(policy.calendars).join(', ')})`,
      );
  });
  for (const contract of CONTRACTS)
    for (const category of CATEGORIES)
      for (const grade of GRADES) {
        if (
          !policy.rules.some(
            (r) => (r.contract ?? contract) === contract && (r.category ?? category) === category && (r.grade ?? grade) === grade,
          )
        )
          throw new DomainError('invalid_sla_policy', `rules: no rule covers a ${contract} ${category} grade ${grade} ticket`);
      }
  return policy;
}

/** The notifiers of the routes matching an event; the log alone when none matches, so no escalation goes untold. */
export function routedNotifiers(
  routes: readonly EscalationRoute[],
  event: { goal: SlaGoal; kind: 'warning' | 'breach'; grade: Grade; category: Category },
): string[] {
  const names = new Set<string>();
  for (const r of routes) {
    if ((r.goal ?? event.goal) !== event.goal || (r.grade ?? event.grade) !== event.grade) continue;
    if ((r.category ?? event.category) !== event.category || (r.event ?? event.kind) !== event.kind) continue;
    r.notify.forEach((n) => names.add(n));
  }
  return names.size > 0 ? [...names] : ['log'];
}
