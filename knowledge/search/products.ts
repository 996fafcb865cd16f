import type { KbEntry } from '../types';

/**
 * The terms that name our products ("Skype", "Skype Connect", "Office", "Microsoft 365",
 * "21Vianet"), as the terms read them: aliases such as "M365", "O365", "SC" become these words.
 * Not "365": both "Office 365" and "Microsoft 365" end on it, so sharing it parts nothing.
 */
const PRODUCT_TERMS = new Set(['skype', 'connect', 'office', 'microsoft', '21vianet']);

/**
 * Which of our products each article is about: the product names its entries' phrasings use (an
 * answer names others in passing: "zaloguj się kontem Microsoft" to activate Skype minutes). An
 * article is written about one product (or a few), so a question naming only products its
 * article never names asks about something else, however many other words it shares: "jak
 * dostać zwrot pieniędzy za Office" is no question for the Skype Connect article that tells when
 * channel fees are refunded. An article that names no product (the desk's own rules) holds for
 * every product.
 */
export class ProductScope {
  private readonly byFile = new Map<string, Set<string>>();

  constructor(entries: readonly KbEntry[], vocabularies: readonly { questions: Set<string>; answer: Set<string> }[]) {
    entries.forEach((e, i) => {
      const named = this.byFile.get(e.file) ?? new Set<string>();
      this.byFile.set(e.file, named);
      for (const w of vocabularies[i]!.questions) if (PRODUCT_TERMS.has(w)) named.add(w);
    });
  }

  /** Whether the question's terms name products, none of which the entry's article names. */
  namesOtherProduct(words: readonly string[], entry: KbEntry): boolean {
    const named = this.byFile.get(entry.file);
    const asked = words.filter((w) => PRODUCT_TERMS.has(w));
    return !!named && named.size > 0 && asked.length > 0 && !asked.some((w) => named.has(w));
  }
}
