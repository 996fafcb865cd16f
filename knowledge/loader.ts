import { readdirSync, readFileSync } from 'fs';
import { basename, join } from 'path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../common/http';
import type { KbEntry } from './types';

/** Where the product's articles live. */
export const DEFAULT_ARTICLES_DIR = join(__dirname, 'articles');

/** A broken articles file: the message names the file, the entry (when known) and the problem. */
export class KnowledgeBaseError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly entryId?: string,
  ) {
    super(`${file}${entryId ? ` (entry "${entryId}")` : ''}: ${problem}`);
  }
}

const text = z.string().trim().min(1, 'must not be empty');

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
    title: text,
    title_en: text.optional(),
    alternates: z.array(text).default([]),
    answer: text,
    answer_en: text.optional(),
    tags: z.array(text).default([]),
    excludes: z.array(text).min(1, 'must name at least one group').optional(),
    source: text.optional(),
  })
  .strict();

const fileSchema = z
  .object({
    source: text.optional(),
    scope: z.enum(['global', '21vianet']).optional(),
    entries: z.array(z.unknown()).min(1, 'must list at least one entry'),
  })
  .strict();

/** Reads one articles file (YAML: a `source` and a list of `entries`). */
export function loadArticleFile(path: string): KbEntry[] {
  const file = basename(path);
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'), { uniqueKeys: true });
  } catch (err) {
    throw new KnowledgeBaseError(file, `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsedFile = fileSchema.safeParse(doc);
  if (!parsedFile.success) throw new KnowledgeBaseError(file, describeZodError(parsedFile.error));

  return parsedFile.data.entries.map((raw, index) => {
    const id =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : `#${index + 1}`;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) throw new KnowledgeBaseError(file, describeZodError(parsed.error), id);
    const e = parsed.data;
    const source = e.source ?? parsedFile.data.source;
    if (!source) throw new KnowledgeBaseError(file, 'source: missing (set it on the entry or the file)', e.id);
    return {
      id: e.id,
      title: e.title,
      ...(e.title_en ? { titleEn: e.title_en } : {}),
      alternates: e.alternates,
      answer: e.answer,
      ...(e.answer_en ? { answerEn: e.answer_en } : {}),
      tags: e.tags,
      ...(e.excludes ? { excludes: e.excludes } : {}),
      ...(parsedFile.data.scope ? { scope: parsedFile.data.scope } : {}),
      source,
      file,
    };
  });
}

/**
 * Loads and validates every `*.yaml` file of a directory. Any problem (bad YAML, a missing title,
 * an empty answer, an id used twice, even across files) throws: the knowledge base never starts
 * with entries silently skipped.
 */
export function loadArticles(dir: string = DEFAULT_ARTICLES_DIR): KbEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (err) {
    throw new KnowledgeBaseError(dir, `cannot read the articles directory: ${(err as Error).message}`);
  }
  if (names.length === 0) throw new KnowledgeBaseError(dir, 'no .yaml articles files found');

  const seen = new Map<string, string>();
  const entries: KbEntry[] = [];
  for (const name of names) {
    for (const entry of loadArticleFile(join(dir, name))) {
      const first = seen.get(entry.id);
      if (first) throw new KnowledgeBaseError(name, `duplicate id, already used in ${first}`, entry.id);
      seen.set(entry.id, name);
      entries.push(entry);
    }
  }
  return entries;
}
