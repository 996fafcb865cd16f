import {
  allowedGrades,
  calendarFor,
  canChangeGrade,
  checkGradeAllowed,
  DEFAULT_TIME_ZONE,
  firstResponseTarget,
  isAdministrator,
} from '../../../ticketing/domain/policy';
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

describe('calendars and targets', () => {
  it('A runs 24x7 in real time with a 1 hour target', () => {
    const cal = calendarFor(premier(), 'technical', 'A');
    expect([cal.name, cal.realTime, firstResponseTarget('A', cal)]).toEqual(['always', true, H]);
  });

  it('technical B and C run on the extended calendar: 1 and 3 days of 15 h', () => {
    const cal = calendarFor(organisation(), 'technical', 'B');
    expect(cal.name).toBe('extended');
    expect(calendarFor(organisation(), 'technical', 'C').name).toBe('extended');
    expect(firstResponseTarget('B', cal)).toBe(15 * H);
    expect(firstResponseTarget('C', cal)).toBe(45 * H);
  });

  it('billing and pre-sales run on office hours: 1 and 3 days of 8 h', () => {
    const cal = calendarFor(organisation(), 'billing', 'C');
    expect(cal.name).toBe('office');
    expect(calendarFor(organisation(), 'presales', 'B').name).toBe('office');
    expect(firstResponseTarget('B', cal)).toBe(8 * H);
    expect(firstResponseTarget('C', cal)).toBe(24 * H);
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
