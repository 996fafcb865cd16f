import { fold } from '../../common/text';
import { glossaryWords, inflectionStem, synonymsOf } from './glossary';
import { Spelling } from './spelling';
import { FormsOf, WordForms } from './wordForms';

/** A word found only in an entry's answer (not in its questions) counts this much. */
const ANSWER_ONLY = 0.5;
/**
 * A word found only in the English answer counts this much for a question asked in English: it
 * has few phrasings of its language to meet (a title, an alternate or two), so its words are in
 * the answer or nowhere. On the tune sets English questions were answered right 5 more times in
 * 268 (A-F 3, G-K 2), wrong and off-topic answers (none of 56 English ones) as many; 0.6 to 1
 * answered 1 fewer to 8 more, 1 with 3 more wrong. Polish questions do not count it: "maila"
 * met "mail" of an English answer and took another entry's answer.
 */
const ENGLISH_ANSWER_ONLY = 0.75;
/**
 * A word derived from another grows from its stem ("minutowego" from "minuta", "kanałowy" from
 * "kanał", "limitowany" from "limit"): the two share at least `MIN_STEM` first letters, and all
 * of the shorter word but an ending of at most `MAX_ENDING` letters ("administracyjny" only
 * shares a stem with "administrator"). Such a word counts as found when no inflection of it is.
 * On the tune sets A-F it answered 4 more questions right and 1 fewer wrong, on G-K 9 more right
 * with no more wrong and 1 fewer off-topic, most of them unusual inflections; four letters
 * matched too much ("konto", "kontakt"), and so did endings of three.
 */
const MIN_STEM = 5;
const MAX_ENDING = 2;
/**
 * A word none of whose forms the entry uses, but whose synonym (a one-word member of its glossary
 * group) it does, counts this much: "pogotowie" for the entry that says "numery alarmowe",
 * "wsparcie" for "pomoc techniczna", "dial" for an entry that says "call". The search already finds the entry by the synonym; coverage
 * counted the word as missing, so the right entry, ranked first, was too often only suggested.
 * On the tune sets A-H it answered 6 more right (2 more wrong), on I-O 8 more right and 9 fewer
 * wrong, off-topic answers 1 more on A-H and none on I-O; 0.5 answered 4 fewer right on I-O, 1
 * answered as many more wrong.
 */
const SYNONYM_SHARE = 0.75;
/** Words whose derivations are remembered; bounded so that odd input cannot grow it without end. */
const MEMO_LIMIT = 20_000;

/** Whether a vocabulary holds the word or an inflection of it, or (with `typos`) a word one edit away. */
function contains(vocabulary: Set<string>, forms: FormsOf, typos: boolean): boolean {
  for (const w of forms.inflected) if (vocabulary.has(w)) return true;
  if (typos) for (const w of forms.typos) if (vocabulary.has(w)) return true;
  return false;
}

/** How a question names what the knowledge base never mentions (see `Coverage.unknownName`). */
export type UnknownName = 'product' | 'capitalised';

export interface EntryVocabulary {
  questions: Set<string>;
  answer: Set<string>;
  /** The words of the English answer that the Polish one lacks: for questions asked in English (see `ENGLISH_ANSWER_ONLY`). */
  english?: Set<string>;
}

/**
 * How much of the question an entry accounts for: the idf-weighted share of the question's
 * content words found in the entry, allowing inflection (shared prefix) and typos (one edit).
 * Rare words weigh most, so "Disney+" in "jak anulować subskrypcję Disney+" cannot be ignored the
 * way a trigram cosine ignores it, and a chatty "ile masz lat" is not covered by "ile" alone.
 */
export class Coverage {
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  /** The idf of a word that two entries use (see `missesRareWord`). */
  private readonly rareIdf: number;
  /** Every word of the base and the glossary, and their stems: is a question word known at all? */
  private readonly known = new Set<string>();
  private readonly spelling: Spelling;
  private readonly forms: WordForms;
  /** The base's words by their first `MIN_STEM` letters, and the derivations found per word. */
  private readonly byStem = new Map<string, string[]>();
  private readonly derivedMemo = new Map<string, string[]>();
  private readonly synonymMemo = new Map<string, FormsOf[]>();

  constructor(
    vocabularies: EntryVocabulary[],
    private readonly polish: (word: string) => boolean = () => false,
  ) {
    const df = new Map<string, number>();
    for (const v of vocabularies) {
      for (const w of new Set([...v.questions, ...v.answer])) df.set(w, (df.get(w) ?? 0) + 1);
    }
    const n = vocabularies.length;
    for (const [w, d] of df) this.idf.set(w, Math.log((n + 1) / (d + 0.5)));
    for (const w of [...df.keys(), ...glossaryWords()]) {
      this.known.add(w);
      for (let len = 4; len < w.length; len++) this.known.add(`${w.slice(0, len)}*`);
    }
    this.unknownIdf = Math.log((n + 1) / 0.5);
    this.rareIdf = Math.log((n + 1) / 2.5);
    this.forms = new WordForms(df.keys(), polish);
    for (const w of df.keys()) {
      if (w.length < MIN_STEM) continue;
      const stem = w.slice(0, MIN_STEM);
      this.byStem.set(stem, [...(this.byStem.get(stem) ?? []), w]);
    }
    this.spelling = new Spelling(
      [...df.keys(), ...glossaryWords()],
      (w) => this.isKnown(w),
      (w) => df.get(w) ?? 0,
    );
  }

  /** The vocabulary words a question word may stand for (its inflections and look-alikes). */
  formsOf(word: string): FormsOf {
    return this.forms.of(word);
  }

  /** The base's words that share a stem with a question word (see `MIN_STEM`), other than itself. */
  private derivedFrom(word: string): string[] {
    let found = this.derivedMemo.get(word);
    if (found) return found;
    found = [];
    if (word.length > MIN_STEM) {
      for (const w of this.byStem.get(word.slice(0, MIN_STEM)) ?? []) {
        let shared = MIN_STEM;
        while (shared < word.length && shared < w.length && word[shared] === w[shared]) shared++;
        if (w !== word && shared >= Math.min(word.length, w.length) - MAX_ENDING) found.push(w);
      }
    }
    if (this.derivedMemo.size >= MEMO_LIMIT) this.derivedMemo.clear();
    this.derivedMemo.set(word, found);
    return found;
  }

  /** The inflections of the one-word synonyms (see glossary) of a question word; their look-alikes are never looked for. */
  private synonymFormsOf(word: string): FormsOf[] {
    let found = this.synonymMemo.get(word);
    if (found) return found;
    // Inflections only: the typo scan of every synonym made the slowest answers slower.
    found = synonymsOf(word).map((s) => ({ inflected: [...this.forms.inflectionsOf(s)], typos: [] }));
    if (this.synonymMemo.size >= MEMO_LIMIT) this.synonymMemo.clear();
    this.synonymMemo.set(word, found);
    return found;
  }

  /** A question word as typed, or the known word it is a typo of ("abonamnet" -> "abonament"). */
  correct(word: string): string {
    return this.spelling.correct(word);
  }

  /** Whether the base or the glossary uses this very word. */
  uses(word: string): boolean {
    return this.known.has(word);
  }

  /**
   * Whether a word, or an inflection of it, occurs anywhere in the knowledge base or the glossary.
   * Short words inflect by adding an ending ("kod", "kodem"), but a Polish word's endings are
   * those of the lemma table, which holds all its forms: "kodeki" is no form of "kod", and a
   * question asking which codecs a profile supports asks of a thing the base never names. On the
   * tune sets A-AB it removed that one off-topic answer and changed nothing else.
   */
  private isKnown(word: string): boolean {
    if (this.known.has(word)) return true;
    if (word.length >= 4 && this.known.has(`${word.slice(0, inflectionStem(word.length))}*`)) return true;
    for (let len = 3; len < word.length && word.length - len <= 3; len++) {
      const stem = word.slice(0, len);
      if (this.known.has(stem) && !(this.polish(stem) && !this.polish(word))) return true;
    }
    return false;
  }

  /**
   * The idf-weighted share of the question's words that the knowledge base never uses: a
   * question about Viber or Netflix carries a word we know nothing about. A word derived from
   * one of the base's words ("krytyczności", "licencyjnych") is used, as `of` finds it: on the
   * tune sets it answered 1 more English question right on A-H and 3 more inflected ones on I-O
   * (1 more wrong), off-topic answers as many.
   */
  unknownShare(queryWords: string[]): number {
    let total = 0;
    let unknown = 0;
    for (const q of queryWords) {
      const weight = this.idf.get(q) ?? this.unknownIdf;
      total += weight;
      if (!this.isKnown(q) && this.derivedFrom(q).length === 0) unknown += weight;
    }
    return total > 0 ? unknown / total : 1;
  }

  /**
   * Whether the question names something the knowledge base never mentions: a word with a plus
   * ("Canal+") is a product, a capitalised word inside a sentence ("jak anulować abonament w
   * Play", "oddział w Chicago") a product or a place. Only words unknown here count (`knows` adds
   * the Polish forms and names the desk knows without an article using them: "w Dubaju", "M365").
   * A sentence's first word is only capitalised by grammar.
   */
  unknownName(question: string, knows: (word: string) => boolean = () => false): UnknownName | undefined {
    let found: UnknownName | undefined;
    for (const sentence of question.split(/[.!?…]+\s+|[\n:;–—]\s*|\s-\s/u)) {
      const tokens = sentence.match(/[\p{L}\d]+\+?/gu) ?? [];
      tokens.forEach((token, i) => {
        const plus = token.endsWith('+');
        // Short capitals are grades and pronouns ("ważność A", "How do I").
        if (!plus && !(i > 0 && token.length >= 3 && /^\p{Lu}/u.test(token))) return;
        // Names inflect by their last letters ("w Kanadzie"), but five shared letters at least:
        // "Canal" is not a form of "Canada".
        const word = fold(token.replace(/\+$/, ''));
        if (knows(word) || this.known.has(word) || this.known.has(`${word.slice(0, Math.max(5, word.length - 3))}*`)) return;
        found = plus || found === 'product' ? 'product' : 'capitalised';
      });
    }
    return found;
  }

  /**
   * Whether the question names a rare thing (a word the base knows, but at most two entries use:
   * "ekran", "hasło", "napisy") that the entry never mentions in any form.
   */
  missesRareWord(queryWords: string[], entry: EntryVocabulary, english = false): boolean {
    return queryWords.some(
      (q) => (this.idf.get(q) ?? this.unknownIdf) >= this.rareIdf && this.isKnown(q) && this.of([q], entry, english).all === 0,
    );
  }

  /**
   * Whether the entry mentions a question word: a form of it anywhere, or a synonym in its
   * phrasings. A synonym only in the answer is no mention: the glossary's groups are loose
   * ("numer" and "call"), and an answer's many words meet some member of most groups.
   */
  mentions(word: string, entry: EntryVocabulary, english = false): boolean {
    return this.of([word], entry, english).all > SYNONYM_SHARE * ANSWER_ONLY;
  }

  /**
   * The idf-weighted share of the question's words the entry contains (`all`), and of the words
   * the knowledge base uses somewhere (`known`: chatty context it knows nothing about left out).
   */
  of(queryWords: string[], entry: EntryVocabulary, english = false): { all: number; known: number } {
    let total = 0;
    let knownTotal = 0;
    let found = 0;
    for (const q of queryWords) {
      const weight = this.idf.get(q) ?? this.unknownIdf;
      total += weight;
      if (this.isKnown(q)) knownTotal += weight;
      const forms = this.forms.of(q);
      // Typos are looked for in the short question vocabulary only: answers are long.
      if (contains(entry.questions, forms, true)) found += weight;
      else if (english && entry.english && contains(entry.english, forms, false)) found += ENGLISH_ANSWER_ONLY * weight;
      else if (contains(entry.answer, forms, false)) found += ANSWER_ONLY * weight;
      else {
        const derived = this.derivedFrom(q);
        if (derived.some((w) => entry.questions.has(w))) found += weight;
        else if (derived.some((w) => entry.answer.has(w))) found += ANSWER_ONLY * weight;
        else {
          const synonyms = this.synonymFormsOf(q);
          if (synonyms.some((s) => contains(entry.questions, s, false))) found += SYNONYM_SHARE * weight;
          else if (synonyms.some((s) => contains(entry.answer, s, false))) found += SYNONYM_SHARE * ANSWER_ONLY * weight;
        }
      }
    }
    // A typo of an entry's word may be unknown to the base: the known share stays a share.
    return { all: total > 0 ? found / total : 0, known: knownTotal > 0 ? Math.min(1, found / knownTotal) : 0 };
  }
}
