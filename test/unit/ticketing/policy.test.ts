import { defaultCalendar } from '../../../ticketing/domain/calendar';
import { allowedGrades, canChangeGrade, checkGradeAllowed, DEFAULT_TIME_ZONE, isAdministrator } from '../../../ticketing/domain/policy';
import { goalTerms } from '../../../ticketing/domain/sla';
import type { Organisation } from '../../../ticketing/domain/types';
import type { Category, Grade } from '../../../ticketing/domain/types';
import { organisation, premier } from './fixtures';

const H = 3_600_000;

describe('eligibility', () => {
  it.each<[string, Category, Grade[]]>([
    ['standard', 'technical', ['B', 'C']],
    ['standard', 'billing', ['B', 'C']],
    ['standard', 'presales', ['B', 'C']],
    ['premier', 'technical', ['A', 'B', 'C']],
    ['premier', 'billing', ['B', 'C']],
    ['premier', 'presales', ['B', 'C']],
  ])('a %s organisation may grade a %s request %j', (contract, category, grades) => {
    const org = contract === 'premier' ? premier() : organisation();
    expect(allowedGrades(org, category).grades).toEqual(grades);
  });

  it('names the rule that refuses A', () => {
    expect(allowedGrades(organisation(), 'technical').refused).toEqual({ A: 'a_requires_premier' });
    expect(allowedGrades(premier(), 'billing').refused).toEqual({ A: 'category_at_most_b' });
    expect(allowedGrades(organisation(), 'presales').refused).toEqual({ A: 'category_at_most_b' });
  });

  it('refuses A for a standard contract with severity_not_allowed and a message naming the premier rule', () => {
    expect(() => checkGradeAllowed(organisation(), 'technical', 'A')).toThrow(
      expect.objectContaining({ code: 'severity_not_allowed', message: expect.stringMatching(/premier/) }),
    );
  });

  it('refuses A for billing and pre-sales even for premier organisations, saying they are at most B', () => {
    for (const category of ['billing', 'presales'] as const) {
      expect(() => checkGradeAllowed(premier(), category, 'A')).toThrow(
        expect.objectContaining({ code: 'severity_not_allowed', message: expect.stringMatching(/at most grade B/) }),
      );
    }
  });

  it('allows B and C for everyone', () => {
    expect(() => checkGradeAllowed(organisation(), 'billing', 'B')).not.toThrow();
    expect(() => checkGradeAllowed(organisation(), 'presales', 'C')).not.toThrow();
  });
});

describe("the repository's default policy: today's calendars and targets", () => {
  const calendarFor = (org: Organisation, category: Category, grade: Grade) => goalTerms(org, category, grade).calendar;
  const target = (org: Organisation, category: Category, grade: Grade) => goalTerms(org, category, grade).targets.first_response;

  it('A runs 24x7 in real time with a 1 hour target', () => {
    const cal = calendarFor(premier(), 'technical', 'A');
    expect([cal.name, cal.realTime, target(premier(), 'technical', 'A')]).toEqual(['always', true, H]);
  });

  it('technical B and C run on the extended calendar: 1 and 3 days of 15 h', () => {
    const cal = calendarFor(organisation(), 'technical', 'B');
    expect(cal.name).toBe('extended');
    expect(cal.week).toEqual(defaultCalendar('extended', DEFAULT_TIME_ZONE).week);
    expect(calendarFor(organisation(), 'technical', 'C').name).toBe('extended');
    expect(target(organisation(), 'technical', 'B')).toBe(15 * H);
    expect(target(organisation(), 'technical', 'C')).toBe(45 * H);
  });

  it('billing and pre-sales run on office hours: 1 and 3 days of 8 h', () => {
    const cal = calendarFor(organisation(), 'billing', 'C');
    expect(cal.name).toBe('office');
    expect(cal.week).toEqual(defaultCalendar('office', DEFAULT_TIME_ZONE).week);
    expect(calendarFor(organisation(), 'presales', 'B').name).toBe('office');
    expect(target(organisation(), 'billing', 'B')).toBe(8 * H);
    expect(target(organisation(), 'presales', 'C')).toBe(24 * H);
  });

  it('measures the next response like the first and sets no resolution target (the seed gives none)', () => {
    expect(goalTerms(premier(), 'technical', 'A').targets).toEqual({ first_response: H, next_response: H });
    expect(goalTerms(organisation(), 'billing', 'C').targets).toEqual({ first_response: 24 * H, next_response: 24 * H });
  });

  it("uses the organisation's time zone, Europe/Warsaw when it names none", () => {
    expect(calendarFor(organisation({ timeZone: 'America/New_York' }), 'technical', 'B').timeZone).toBe('America/New_York');
    expect(calendarFor(organisation({ timeZone: '' }), 'technical', 'B').timeZone).toBe(DEFAULT_TIME_ZONE);
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Warsaw');
  });

  it("applies the organisation's holidays to office hours only (extended runs every day of the year)", () => {
    const org = organisation({ holidays: ['2026-12-24'] });
    expect(calendarFor(org, 'billing', 'B').holidays).toEqual(['2026-12-24']);
    expect(calendarFor(org, 'technical', 'B').holidays).toEqual([]);
  });
});

describe('administrators and grade changes', () => {
  it('knows who is an administrator', () => {
    expect(isAdministrator(organisation(), 'adm-1')).toBe(true);
    expect(isAdministrator(organisation(), 'someone')).toBe(false);
  });

  it('leaves a lowering to its reason (lowering.ts)', () => {
    expect(canChangeGrade(organisation(), 'technical', 'B', 'C')).toBeNull();
  });

  it('raises a grade only when the new grade is allowed', () => {
    expect(canChangeGrade(organisation(), 'technical', 'B', 'A')?.code).toBe('severity_not_allowed');
    expect(canChangeGrade(premier(), 'technical', 'B', 'A')).toBeNull();
    expect(canChangeGrade(organisation(), 'billing', 'C', 'B')).toBeNull();
  });

  it('refuses a change to the same grade', () => {
    expect(canChangeGrade(organisation(), 'technical', 'B', 'B')?.code).toBe('invalid_grade_change');
  });
});
