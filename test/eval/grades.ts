/**
 * npm run eval:grades -- <set.jsonl ...> [--misses]
 * Grades each request of a grading set (JSONL: channel chat|mail, subject, text, grade, category,
 * lang, style) the way the desk does: a chat description gets the suggested grade, capped by the
 * category the administrator chose (the set's); a mail gets the category its words suggest and
 * the suggested grade capped by it, for an organisation with a premier contract (where every
 * grade may be chosen). Counts per channel, language and style how many grades and categories
 * match the writer's, how many were graded lower (an outage waiting a business day) or higher.
 * Only aggregates are printed, so it can be run on a report set; --misses lists the requests
 * graded wrong, for tuning sets only.
 */
import { GradeSuggester } from '../../ticketing/domain/grading/gradeSuggester';
import { suggestCategory } from '../../ticketing/domain/grading/categorySuggester';
import { cappedGrade } from '../../ticketing/domain/policy';
import { CATEGORIES, GRADES, type Category, type Grade, type Organisation } from '../../ticketing/domain/types';
import { runEvalCommand } from './evalCommand';
import { groupCases, percent, readJsonLines } from './evalSets';

export interface GradeCase {
  channel: 'chat' | 'mail';
  subject: string;
  text: string;
  grade: Grade;
  category: Category;
  lang: 'pl' | 'en';
  style: string;
}

export interface GradeOutcome {
  grade: Grade;
  category: Category;
}

const PREMIER: Organisation = { id: 'eval', name: 'Eval', timeZone: 'Europe/Warsaw', contract: 'premier', administrators: [] };

export function readGradeSet(path: string): GradeCase[] {
  return readJsonLines<GradeCase>(
    path,
    (c) =>
      (c.channel === 'chat' || c.channel === 'mail') &&
      typeof c.text === 'string' &&
      GRADES.includes(c.grade) &&
      CATEGORIES.includes(c.category) &&
      (c.lang === 'pl' || c.lang === 'en'),
    '{channel: chat|mail, subject, text, grade: A|B|C, category, lang: pl|en, style}',
  ).map((c) => ({ ...c, subject: c.subject ?? '', style: c.style ?? '' }));
}

/** What the desk makes of one request. */
export function gradeOf(c: GradeCase, suggester: GradeSuggester): GradeOutcome {
  if (c.channel === 'chat')
    return { category: c.category, grade: cappedGrade(PREMIER, c.category, suggester.suggest(c.text, c.category).grade) };
  const text = `${c.subject}\n${c.text}`;
  const category = suggestCategory(text);
  return { category, grade: cappedGrade(PREMIER, category, suggester.suggest(text).grade) };
}

const RANK: Record<Grade, number> = { A: 3, B: 2, C: 1 };

function report(path: string, cases: GradeCase[], outcomes: GradeOutcome[], showMisses: boolean): void {
  const groups = groupCases(cases, (c) => [
    `channel ${c.channel}`,
    `lang ${c.lang}`,
    ...(c.style ? [`style ${c.style}`] : []),
    `labelled ${c.grade}`,
  ]);
  console.log(`\n${path} (${cases.length} requests)`);
  const rows: Record<string, Record<string, string | number>> = {};
  for (const [name, indexes] of groups) {
    const right = indexes.filter((i) => outcomes[i]!.grade === cases[i]!.grade).length;
    const lower = indexes.filter((i) => RANK[outcomes[i]!.grade] < RANK[cases[i]!.grade]).length;
    const higher = indexes.filter((i) => RANK[outcomes[i]!.grade] > RANK[cases[i]!.grade]).length;
    const mail = indexes.filter((i) => cases[i]!.channel === 'mail');
    const categoryRight = mail.filter((i) => outcomes[i]!.category === cases[i]!.category).length;
    rows[name] = {
      requests: indexes.length,
      'grade right': percent(right, indexes.length),
      'graded lower': lower,
      'graded higher': higher,
      'mail category right': percent(categoryRight, mail.length),
    };
  }
  console.table(rows);
  const matrix: Record<string, Record<string, number>> = {};
  for (const label of GRADES) {
    matrix[`labelled ${label}`] = Object.fromEntries(
      GRADES.map((g) => [`given ${g}`, cases.filter((c, i) => c.grade === label && outcomes[i]!.grade === g).length]),
    );
  }
  console.table(matrix);
  if (!showMisses) return;
  cases.forEach((c, i) => {
    const o = outcomes[i]!;
    if (o.grade !== c.grade || (c.channel === 'mail' && o.category !== c.category))
      console.log(
        `${c.grade}->${o.grade} ${c.category}->${o.category} [${c.channel} ${c.lang}] ${c.subject ? `${c.subject} | ` : ''}${c.text.replace(/\n/g, ' / ')}`,
      );
  });
}

if (require.main === module) {
  runEvalCommand(
    'npm run eval:grades -- <set.jsonl ...> [--misses]',
    async (path, showMisses) => {
      const cases = readGradeSet(path);
      const suggester = new GradeSuggester();
      report(
        path,
        cases,
        cases.map((c) => gradeOf(c, suggester)),
        showMisses,
      );
    },
    false,
  );
}
