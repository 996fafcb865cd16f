import { words } from '../normalize';
import type { KbEntry } from '../types';
import type { Terms } from './terms';

/**
 * The groups each entry says go without what its article offers (`excludes` in the articles).
 * A question naming one rests on a premise that entry contradicts: "Mamy M365 Business, jak
 * włączyć minuty Skype?" asks how to activate them, but the answer is that business plans have
 * none. Names are matched as runs of words, each word by its dictionary lemma alone: the terms
 * read "firmowy", "służbowo" and "firma" alike, and "studentka" as "Education", where a name must
 * be said ("dla firm" is named by "Office 365 dla firm", not by "pracuję dla katarskiej firmy").
 */
export class Exclusions {
  /** Per entry: each excluded name as the run of its words' lemmas. */
  private readonly names: string[][][];

  constructor(
    entries: readonly KbEntry[],
    private readonly terms: Terms,
  ) {
    this.names = entries.map((e) => (e.excludes ?? []).map((name) => this.read(name)));
  }

  /** Whether the entry excludes any group. */
  has(e: number): boolean {
    return this.names[e]!.length > 0;
  }

  /** A text's words as the names are read: folded, each by its lemma. */
  read(text: string): string[] {
    return words(text).map((w) => this.terms.lemmaOf(w));
  }

  /** Whether the question (its words as `read`) names a group the entry excludes. */
  named(e: number, question: string[]): boolean {
    return this.names[e]!.some((name) => question.some((_, i) => name.every((w, j) => question[i + j] === w)));
  }
}
