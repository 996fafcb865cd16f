import { DomainError, GRADES, type Category, type Grade, type Organisation } from './types';

/** Eligibility (docs/sla.md, "Severity and eligibility"); the targets are the SLA policy's (slaPolicy.ts). */

/** The time zone of calendars when an organisation names none. */
export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

/** Why a grade is refused; each code names one rule. */
export type GradeRefusal = 'a_requires_premier' | 'category_at_most_b';

const REFUSAL_MESSAGES: Record<GradeRefusal, string> = {
  a_requires_premier: 'grade A is allowed only for organisations with an advanced (premier) support contract',
  category_at_most_b: 'billing and subscription requests and pre-sales requests are at most grade B',
};

const CATEGORY_LABELS: Record<Category, string> = {
  technical: 'technical',
  billing: 'billing and subscription',
  presales: 'pre-sales',
};

/** The rule that refuses this grade, or null when it is allowed. */
export function gradeRefusal(org: Organisation, category: Category, grade: Grade): GradeRefusal | null {
  if (grade !== 'A') return null;
  if (category !== 'technical') return 'category_at_most_b';
  if (org.contract !== 'premier') return 'a_requires_premier';
  return null;
}

/** Throws DomainError('severity_not_allowed') whose message names the rule. */
export function checkGradeAllowed(org: Organisation, category: Category, grade: Grade): void {
  const refusal = gradeRefusal(org, category, grade);
  if (refusal) {
    throw new DomainError(
      'severity_not_allowed',
      `grade ${grade} refused for a ${CATEGORY_LABELS[category]} request of ${org.name}: ${REFUSAL_MESSAGES[refusal]}`,
    );
  }
}

/** The grades this organisation may choose for this category, and the rule refusing each other one. */
export function allowedGrades(org: Organisation, category: Category): { grades: Grade[]; refused: Partial<Record<Grade, GradeRefusal>> } {
  const grades: Grade[] = [];
  const refused: Partial<Record<Grade, GradeRefusal>> = {};
  for (const grade of GRADES) {
    const refusal = gradeRefusal(org, category, grade);
    if (refusal) refused[grade] = refusal;
    else grades.push(grade);
  }
  return { grades, refused };
}

/** A suggested grade limited to what may be chosen: the most urgent allowed grade caps it. */
export function cappedGrade(org: Organisation, category: Category, suggested: Grade): Grade {
  const { grades } = allowedGrades(org, category);
  return grades.includes(suggested) ? suggested : (grades[0] ?? 'C'); // B and C are always allowed
}

/** A person-readable sentence for a refusal code. */
export function refusalMessage(refusal: GradeRefusal): string {
  return REFUSAL_MESSAGES[refusal];
}

/** Whether `adminId` is a registered administrator of the organisation. */
export function isAdministrator(org: Organisation, adminId: string): boolean {
  return org.administrators.some((admin) => admin.id === adminId);
}

const SEVERITY: Record<Grade, number> = { A: 3, B: 2, C: 1 };

/** Whether going from `from` to `to` lowers the severity (A is the most severe). */
export function isLowering(from: Grade, to: Grade): boolean {
  return SEVERITY[to] < SEVERITY[from];
}

/**
 * Whether the desk may change a ticket's grade at all: to another grade, and a raise only to one
 * the organisation may choose. (A lowering's reason is checked by lowering.ts.) Returns the
 * refusal as a DomainError instead of throwing, for callers that only want to know.
 */
export function canChangeGrade(org: Organisation, category: Category, from: Grade, to: Grade): DomainError | null {
  if (from === to) return new DomainError('invalid_grade_change', `the ticket is already grade ${to}`);
  if (isLowering(from, to)) return null;
  try {
    checkGradeAllowed(org, category, to);
    return null;
  } catch (err) {
    return err as DomainError;
  }
}
