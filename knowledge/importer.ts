import { stringify } from 'yaml';
import { fold } from '../common/text';

/**
 * Turns a raw support article into draft entries for a person to review: one per section
 * (Markdown headings, like seed 002) or per question line / short heading line (plain text, like
 * seeds 000 and 001). Drafts keep the source wording; the reviewer writes the answer in our own
 * words, adds alternates and tags, and moves the entry into knowledge/articles/.
 */
export interface DraftEntry {
  id: string;
  title: string;
  answer: string;
  /** Why a person should look twice (long section, heading that is not a question…). */
  review: string[];
}

export interface ImportResult {
  shape: 'markdown' | 'plain';
  drafts: DraftEntry[];
  /** Headings or lines left out, with the reason (empty section, page chrome). */
  skipped: string[];
}

/** Lines of web-page chrome in the plain-text exports: feedback widgets and navigation. */
const CHROME = [
  /artykuł okazał się pomocny/i,
  /^tak\s+nie$/i,
  /^poinformuj nas/i,
  /nie wprowadzaj w powyższym polu/i,
  /^wróć do wyników/i,
  /^wszystkie produkty$/i,
  /^strona główna/i,
  /^pomoc skype/i,
];

const LONG_ANSWER = 700;

export function importArticle(text: string): ImportResult {
  const normalized = text.replace(/\r\n?/g, '\n');
  const markdown = /^---\n/.test(normalized) || /^#{1,6} /m.test(normalized);
  const { sections, skipped } = markdown ? markdownSections(normalized) : plainSections(normalized);
  const ids = new Set<string>();
  const drafts = sections.map(({ title, body, orphan }) => {
    const review: string[] = [];
    if (orphan) review.push('the source gives no question for this passage: write the question it answers');
    else if (!title.endsWith('?')) review.push('title is a heading: rephrase it as the question people ask');
    if (body.length > LONG_ANSWER) review.push('long section: consider splitting it into several entries');
    review.push('answer is the source wording: rewrite it in our own words');
    return { id: uniqueId(slug(title), ids), title, answer: body, review };
  });
  return { shape: markdown ? 'markdown' : 'plain', drafts, skipped };
}

/** The draft file: the articles format (see knowledge/articles) plus review notes. */
export function draftsToYaml(result: ImportResult, source: string): string {
  const doc = {
    source,
    entries: result.drafts.map((d) => ({ id: d.id, title: d.title, alternates: [], answer: d.answer, tags: [], review: d.review })),
  };
  const header = [
    `# DRAFT imported from ${source} (${result.shape}): ${result.drafts.length} entries.`,
    '# Review each entry: question-shaped title, alternates (with and without diacritics, one in',
    '# English), the answer in our own words, tags; delete the `review` notes; then move it to',
    '# knowledge/articles/.',
    ...result.skipped.map((s) => `# skipped: ${s}`),
  ];
  return `${header.join('\n')}\n${stringify(doc, { lineWidth: 100 })}`;
}

interface Section {
  title: string;
  body: string;
  /** A passage the source gives without its question (FAQ pages exported as plain text). */
  orphan?: boolean;
}

function markdownSections(text: string): { sections: Section[]; skipped: string[] } {
  const withoutFrontMatter = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const sections: Section[] = [];
  const skipped: string[] = [];
  let current: { title: string; lines: string[] } | null = null;
  const flush = (): void => {
    if (!current) return;
    const body = joinParagraphs(current.lines);
    if (body) sections.push({ title: current.title, body });
    else skipped.push(`"${current.title}": no text under the heading`);
  };
  for (const raw of withoutFrontMatter.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(raw)?.[1];
    if (heading !== undefined) {
      flush();
      current = { title: cleanInline(heading), lines: [] };
      continue;
    }
    const line = cleanMarkdownLine(raw);
    if (line === null) continue;
    if (!current) {
      if (line.trim()) skipped.push(`text before the first heading: "${line.trim().slice(0, 60)}"`);
      continue;
    }
    current.lines.push(line);
  }
  flush();
  return { sections, skipped };
}

/** One Markdown body line as plain text, or null for lines that carry no content. */
function cleanMarkdownLine(raw: string): string | null {
  let line = raw.trim();
  if (/^:::/.test(line) || /^\[!INCLUDE/i.test(line) || /^>\s*\[!VIDEO/i.test(line)) return null;
  line = line.replace(/^>\s*\[!(NOTE|IMPORTANT|TIP|WARNING|CAUTION)\]\s*/i, '').replace(/^>\s?/, '');
  if (/^\|?[\s|:-]+\|?$/.test(line) && line.includes('-')) return null; // table separator
  if (line.startsWith('|')) {
    const cells = line
      .split('|')
      .map((c) => cleanInline(c))
      .filter(Boolean);
    return cells.join(' – ');
  }
  return cleanInline(line);
}

function cleanInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<li>/gi, '; ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/<sup>\d+<\/sup>/g, '')
    .replace(/\\$/, '')
    .replace(/\s+/g, ' ')
    .replace(/^[;\s]+/, '')
    .trim();
}

function plainSections(text: string): { sections: Section[]; skipped: string[] } {
  const raw = text.split('\n').map((l) => l.trimEnd());
  // Lines indented deeper than the text's usual margin continue a list item (a note under step 6).
  const margin = mostCommon(raw.filter(Boolean).map((l) => l.length - l.trimStart().length));
  const lines = raw.map((l) => l.trim());
  const indented = raw.map((l) => l.length - l.trimStart().length > margin);
  const sections: Section[] = [];
  const skipped: string[] = [];
  let current: { title: string; lines: string[] } | null = null;
  const flush = (): void => {
    if (!current) return;
    const body = joinParagraphs(current.lines, true);
    if (!body) skipped.push(`"${current.title}": no text after it`);
    else if (body.length <= LONG_ANSWER) sections.push({ title: current.title, body: unindent(body) });
    else {
      // Plain-text FAQ exports lose the questions of later answers: keep the first passage under
      // the title and offer the others as drafts of their own.
      const [first = '', ...rest] = passages(body);
      sections.push({ title: current.title, body: unindent(first) });
      for (const p of rest) {
        const text = unindent(p);
        sections.push({ title: `${text.split(/\s+/).slice(0, 8).join(' ')}…`, body: text, orphan: true });
      }
    }
  };
  lines.forEach((line, i) => {
    if (CHROME.some((re) => re.test(line))) {
      skipped.push(`page chrome: "${line.slice(0, 60)}"`);
      return;
    }
    if (isPlainHeading(line, lines[i - 1] ?? '', lines[i + 1] ?? '')) {
      flush();
      current = { title: line, lines: [] };
      return;
    }
    if (!current) {
      if (line) skipped.push(`text before the first question: "${line.slice(0, 60)}"`);
      return;
    }
    current.lines.push(indented[i] ? ` ${line}` : line);
  });
  flush();
  return { sections, skipped };
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

function unindent(text: string): string {
  return text.replace(/^ /gm, '');
}

/**
 * A question line ("Jak zmienić…?") or a short heading line ("Zmiana abonamentu kanałów"): it
 * starts a paragraph, starts with a capital, has no final punctuation and at most eight words.
 */
function isPlainHeading(line: string, previous: string, next: string): boolean {
  if (!line || /^(\d+\.|[-•–])\s/.test(line)) return false;
  const words = line.split(/\s+/).length;
  if (line.endsWith('?')) return words <= 20;
  return previous === '' && next !== line && /^\p{Lu}/u.test(line) && !/[.:;,!—–-]$/.test(line) && words <= 8;
}

/** Paragraphs of a body, with numbered or bulleted lists kept with the paragraph introducing them. */
function passages(body: string): string[] {
  const out: string[] = [];
  for (const paragraph of body.split('\n\n')) {
    const continues = out.length > 0 && (/^ |^(\d+\.|[-•–])\s/.test(paragraph) || out.at(-1)?.endsWith(':'));
    if (continues) out[out.length - 1] += `\n\n${paragraph}`;
    else out.push(paragraph);
  }
  return out;
}

/** Lines into paragraphs separated by one blank line; `keepIndent` keeps a leading space marker. */
function joinParagraphs(lines: string[], keepIndent = false): string {
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => (keepIndent ? l.trimEnd() : l.trim()))
        .filter((l) => l.trim())
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n')
    .trim();
}

function slug(title: string): string {
  return (
    fold(title)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60)
      .replace(/-$/, '') || 'entry'
  );
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
