import { stringify } from 'yaml';
import type { KbEntry } from '../types';

/**
 * The articles as the YAML files of knowledge/articles/ (one document per file name), so that
 * console edits can be reviewed and committed: the repository stays the source of truth.
 */
export function articlesAsYaml(entries: readonly KbEntry[]): Map<string, string> {
  const byFile = new Map<string, KbEntry[]>();
  for (const e of entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const files = new Map<string, string>();
  for (const [file, list] of byFile) {
    const [{ source, scope }] = list as [KbEntry, ...KbEntry[]];
    const doc = {
      source,
      ...(scope ? { scope } : {}),
      entries: list.map((e) => ({
        id: e.id,
        title: e.title,
        ...(e.titleEn ? { title_en: e.titleEn } : {}),
        alternates: e.alternates,
        answer: e.answer,
        ...(e.answerEn ? { answer_en: e.answerEn } : {}),
        tags: e.tags,
        ...(e.excludes ? { excludes: e.excludes } : {}),
        ...(e.source !== source ? { source: e.source } : {}),
      })),
    };
    files.set(file, stringify(doc, { lineWidth: 100 }));
  }
  return files;
}
