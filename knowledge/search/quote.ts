import { foldPhrase } from '../../common/text';

/**
 * Which of an answer's facts to quote ahead of it. The trigram similarity alone favours short
 * facts: "Czy Namibia jest na liście krajów…?" is closer to "Z tych krajów dzwonienie z minut nie
 * działa." than to the sixteen countries it follows. The question's words that single out some
 * of the answer's facts (a country, the button of one step, one grade's example) tell which one
 * holds the detail asked; words every fact shares ("kraj", "minuta") tell nothing.
 */
export interface QuotableFact {
  text: string;
  terms: Set<string>;
  similarity: number;
}

/** How much the share of the question's weight (idf) that singles out a fact adds to its similarity. */
const DETAIL_SHARE = 0.3;
/** What a fact stating a number adds for a question asking how many ("ilu naraz?": "do 300 kanałów"). */
const NUMBER_SHARE = 0.1;
const NUMBER = /\d/;

export function factToQuote<F extends QuotableFact>(
  facts: F[],
  words: readonly string[],
  idf: (word: string) => number,
  asked: { count: boolean; where: boolean },
): F | undefined {
  const said = new Set(words);
  const total = [...said].reduce((sum, w) => sum + idf(w), 0);
  const singled = (f: F): number => {
    let weight = 0;
    for (const w of f.terms) if (said.has(w) && facts.some((other) => !other.terms.has(w))) weight += idf(w);
    return total > 0 ? weight / total : 0;
  };
  let best: { at: number; score: number } | undefined;
  facts.forEach((fact, at) => {
    const counts = asked.count && NUMBER.test(fact.text) ? NUMBER_SHARE : 0;
    const score = fact.similarity + DETAIL_SHARE * singled(fact) + counts;
    if (!best || score > best.score) best = { at, score };
  });
  if (!best) return undefined;
  const fact = facts[best.at]!;
  if (asked.where && STEP.test(fact.text)) {
    // The steps a question asking where names parts of are quoted together, as the path from one
    // to the other ("Gdzie w Skype Managerze znajdę Skype Connect?": steps 1 to 3, not step 1 alone).
    let [first, last] = [best.at, best.at];
    for (let at = best.at - 1; at >= 0 && STEP.test(facts[at]!.text); at--) if (singled(facts[at]!) > 0) first = at;
    for (let at = best.at + 1; at < facts.length && STEP.test(facts[at]!.text); at++) if (singled(facts[at]!) > 0) last = at;
    if (first < last)
      return {
        ...fact,
        text: facts
          .slice(first, last + 1)
          .map((f) => f.text)
          .join(' '),
      };
  }
  const before = facts[best.at - 1];
  return before && REFERS_BACK.test(fact.text) ? { ...fact, text: `${before.text} ${fact.text}` } : fact;
}

/** A numbered step ("3) w menu po lewej…"), as splitFacts cuts them. */
const STEP = /^\d{1,2}\)\s/u;

/** A fact opening on a word pointing back ("Z tych krajów…", "These…") is quoted with the one it points to. */
const REFERS_BACK =
  /^((z|ze|od|w|we|na|do|dla|from|in|for)\s+)?(tych|tego|tej|tym|te|ten|ta|tam|wtedy|these|this|those|that|there|then)\b/iu;

/** An answer opening on a short label ("Ważność B (wysoka): usługa działa…"). */
const LABEL = /^([^.:;!?]{1,40}):\s/u;

/**
 * The label that heads the whole answer, for a quote taken from further in: "Przykłady: przycisk
 * „Wyślij”…" alone does not say it is grade B. A label is the answer's heading when the title
 * names it ("Co oznacza ważność B (wysoka)…") and its first word opens no later label, as in a
 * list of grades ("Severity A: …; Severity B: …").
 */
export function headingOf(answer: string, title: string): string | undefined {
  const label = LABEL.exec(answer)?.[1];
  if (!label || !foldPhrase(title).includes(foldPhrase(label))) return undefined;
  const first = label.split(/\s+/)[0]!.toLowerCase();
  const rest = answer.slice(label.length + 1).toLowerCase();
  return new RegExp(`[.;]\\s+${escapeRegExp(first)}\\s[^.:;]{0,40}:`, 'u').test(rest) ? undefined : label;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
