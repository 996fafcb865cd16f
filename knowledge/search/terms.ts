import { loadLemmas, otherWords } from '../morphology/lemmas';
import { fold } from '../../common/text';
import { isStopWord, words } from '../normalize';
import { ENGLISH_STOP_WORDS } from './glossary';
import { denominalAdjective, derivedLemma } from './derivedWords';
import { numeralCompound } from './numeralCompounds';
import { slipOf, Spelling } from './spelling';
import { canonical, declinedName, isHomeCity, isRegionWord, vocabularyWords, withoutFiller } from './vocabulary';

/**
 * Only long words are corrected against the lemma table's forms: with some twenty thousand forms,
 * a short real word is often one edit from an unrelated one ("pogoda", "powoda").
 */
const MIN_CORRECTED_LENGTH = 7;
/** "ą", "ę" (folded "a", "e") as said before a consonant: "on", "om", "en", "em". */
const NASAL_AS_SAID = /[oe][nm](?=[b-df-hj-np-tv-xz])/g;
/** Shorter unknown words are left alone by `aliasSlip`: "sipa" swapped is no name of ours. */
const ALIAS_SLIP_MIN_LENGTH = 6;
/** A word negated with "nie-" is read apart only when the rest is a word of four letters at least. */
const NEGATED_MIN_LENGTH = 7;
/** Words remembered per process; bounded so that odd input cannot grow it without end. */
const MEMO_LIMIT = 50_000;

/**
 * Turns text into the terms the engine indexes and searches: folded words without greetings,
 * courtesy and stop words, aliases and names resolved ("M365", "w Dubaju"), and every Polish
 * form replaced by its lemma ("kanałów", "kanale" -> "kanal"). Articles and questions go through
 * the same steps, so whatever form either uses, they meet. Questions also get typo correction
 * against every form the lemma table knows ("kanalow" is fine, "kanaluw" becomes "kanalow").
 */
export class Terms {
  private readonly lemmas: Map<string, string>;
  private readonly spelling: Spelling;
  /** Typos of the names the desk knows ("Ofice", "Skyep"): a misspelt name of ours is no one else's. */
  private readonly names: Spelling;
  private readonly memo = new Map<string, string[]>();
  /** Every form and lemma of the lemma table. */
  private readonly forms: Set<string>;
  /** Words the articles use (seen by `of`): a question using one has no typo in it. */
  private readonly articleWords = new Set<string>();

  constructor(lemmas: Map<string, string> = sharedLemmas()) {
    this.lemmas = lemmas;
    const forms = (this.forms = new Set([...lemmas.keys(), ...lemmas.values()]));
    this.spelling = new Spelling(
      forms,
      (w) => forms.has(w),
      () => 1,
    );
    const names = new Set(vocabularyWords());
    // A typo of one of our names may be some Polish word ("Manger" of "Manager"): corrected all the same.
    this.names = new Spelling(
      names,
      (w) => names.has(w),
      () => 1,
      undefined,
      false,
    );
  }

  /** The terms of an article text. */
  of(text: string): string[] {
    return this.analyse(text, false);
  }

  /** The terms of a question: as `of`, with typos of known forms corrected. */
  ofQuestion(text: string): string[] {
    return this.analyse(text, true);
  }

  /**
   * The dictionary lemma of a folded word, or the word: no alias, colloquial reading or typo
   * correction ("firmowym" is "firmowy" here, though the terms read it as "firma").
   */
  lemmaOf(word: string): string {
    return this.lemmas.get(word) ?? word;
  }

  /** Whether a folded word is a form of the Polish lemma table (a word the dictionary spells so). */
  isPolish(word: string): boolean {
    return this.forms.has(word);
  }

  /**
   * Whether a folded word is a Polish form or a name the desk knows (or a typo of one), though no
   * article may use it.
   */
  knows(word: string): boolean {
    if (this.lemmas.has(word)) return true;
    // A declined name is known as the name is ("w Teamsach" as "Teams").
    const name = declinedName(word);
    if (name !== undefined) return this.knows(name);
    return (
      canonical(word) !== word ||
      // Capitalised pronouns of a polite letter ("do Was", "Pan") are no names.
      isStopWord(word) ||
      // A Polish city written with a capital ("z Krakowa") is no product name.
      isHomeCity(word) ||
      isRegionWord(word) ||
      this.names.correct(word) !== word ||
      (word.length >= MIN_CORRECTED_LENGTH && this.spelling.correct(word) !== word)
    );
  }

  /**
   * A corrector of question words against the forms of the given lemmas (a knowledge base's own
   * words): a typo is often one edit from the form typed ("miunt" -> "minut"), not from the lemma
   * ("minuta"), and too short for the correction against every form (see MIN_CORRECTED_LENGTH).
   * Those few thousand forms leave a five-letter word fewer neighbours than twenty thousand, and a
   * changed letter must be a slip (a neighbouring key): "drugim" is no typo of "dlugim". A rare
   * dictionary word a base form has a letter more inside ("kandzie", "kanadzie") is read as a slip.
   * Returns the lemma of the corrected form, or the word itself.
   */
  formSpelling(vocabulary: Set<string>): (word: string) => string {
    const forms = [...vocabulary, ...[...this.lemmas].filter(([, lemma]) => vocabulary.has(lemma)).map(([form]) => form)];
    const spelling = new Spelling(
      forms,
      (w) => vocabulary.has(w) || this.forms.has(w),
      () => 1,
      slipOf,
      'unlessDropped',
    );
    return (word) => {
      const form = spelling.correct(word);
      return this.lemmas.get(form) ?? form;
    };
  }

  private analyse(text: string, correct: boolean): string[] {
    const out: string[] = [];
    const list = withoutFiller(` ${words(text).join(' ')} `).split(' ');
    const folded = list.includes('nie') ? fold(text) : '';
    for (let i = 0; i < list.length; i++) {
      const word = list[i]!;
      // A stop word with an everyday reading ("znowu" as once more, "dziś" as daily) is read so.
      if (!word || ((isStopWord(word) || ENGLISH_STOP_WORDS.has(word)) && canonical(word) === word)) continue;
      if (!correct) this.articleWords.add(word);
      // "nie krytyczne" is "niekrytyczne": one term, not "nie" beside the adjective it negates.
      const negated =
        word === 'nie' && list[i + 1] && negates(folded, list[i + 1]!)
          ? this.negatedAdjective(this.termsOf(list[i + 1]!, correct))
          : undefined;
      if (negated) {
        if (!correct) this.articleWords.add(list[i + 1]!);
        out.push(negated);
        i++;
        continue;
      }
      for (const term of this.termsOf(word, correct)) out.push(term);
    }
    return out;
  }

  /** Whether a lemma of the table is an adjective: its genitive in "-ego" is one of its forms ("krytycznego"). */
  private isAdjective(lemma: string): boolean {
    const stem = lemma.endsWith('y') ? lemma.slice(0, -1) : lemma.endsWith('i') ? lemma : undefined;
    return stem !== undefined && this.lemmas.get(`${stem}ego`) === lemma;
  }

  /** The one term of an adjective's terms negated ("krytyczny" -> "niekrytyczny"), or undefined for other words. */
  private negatedAdjective(terms: string[]): string | undefined {
    const [lemma] = terms;
    return terms.length === 1 && lemma !== undefined && this.isAdjective(lemma) ? `nie${lemma}` : undefined;
  }

  /** The lemma of a form of the table, or undefined for another word. */
  private readonly tableLemma = (form: string): string | undefined => this.lemmas.get(form) ?? (this.forms.has(form) ? form : undefined);

  /**
   * The lemma of the table word a word is made from (derivedWords): "kanałowego" -> "kanał", and
   * for words outside the table "ankietowanie" -> "ankieta", "odpowiedzialni" -> "odpowiedzialność".
   */
  private derivedOf(word: string): string | undefined {
    return denominalAdjective(word, this.tableLemma) ?? (this.forms.has(word) ? undefined : derivedLemma(word, this.tableLemma));
  }

  /**
   * The terms of a word negated with "nie-" that the dictionary lacks: "nieadministratorów" (of
   * non-administrators) -> "nie", "administrator"; "niemogących" -> "nie", "móc". A negated
   * adjective is one term ("niekrytyczne" -> "niekrytyczny"): a non-critical issue is no critical one.
   */
  private negatedOf(word: string): string[] | undefined {
    if (!word.startsWith('nie') || word.length < NEGATED_MIN_LENGTH || this.lemmas.has(word)) return undefined;
    const lemma = this.lemmas.get(word.slice(3));
    if (lemma === undefined) return undefined;
    return this.isAdjective(lemma) ? [`nie${lemma}`] : ['nie', lemma];
  }

  /**
   * An unknown word with two neighbouring letters swapped back, when that spells an alias
   * ("edukajca" -> "edukacja", read as "education"): aliases are patterns, beyond the spelling's
   * word lists. Only when no form of the table is a typo away: "bizensowa" is "biznesowa", an
   * alias alone but part of the phrase "pomoc biznesowa" the spelt form keeps. Else the word.
   */
  private aliasSlip(word: string): string {
    if (word.length < ALIAS_SLIP_MIN_LENGTH || canonical(word) !== word || this.forms.has(word) || otherWords().has(word)) return word;
    if (word.length >= MIN_CORRECTED_LENGTH && this.spelling.correct(word) !== word) return word;
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (canonical(swapped) !== swapped) return swapped;
    }
    return word;
  }

  /**
   * The form of the table an unknown word spells as it sounds, a nasal vowel as "on"/"om" or
   * "en"/"em" before a consonant ("połonczyć" for "połączyć"): two edits, beyond the spelling's one.
   */
  private nasalSpelt(word: string): string | undefined {
    if (this.forms.has(word) || otherWords().has(word)) return undefined;
    for (const { index, 0: nasal } of word.matchAll(NASAL_AS_SAID)) {
      const spelt = word.slice(0, index) + (nasal.startsWith('o') ? 'a' : 'e') + word.slice(index + 2);
      if (this.forms.has(spelt)) return spelt;
    }
    return undefined;
  }

  private termsOf(word: string, correct: boolean): string[] {
    const key = correct ? `?${word}` : word;
    const known = this.memo.get(key);
    if (known) return known;
    // What an alias stands for may hold stop words ("podróży za granicą"): they go as typed ones do.
    const resolved = canonical(correct ? this.aliasSlip(word) : word)
      .split(' ')
      .filter((w) => w === word || !(isStopWord(w) || ENGLISH_STOP_WORDS.has(w)))
      .flatMap((w) => {
        const negated = this.negatedOf(w);
        if (negated) return negated;
        const compound = this.lemmas.has(w) ? undefined : numeralCompound(w, (rest) => this.tableLemma(rest) ?? this.derivedOf(rest));
        // A one-digit number is a stop word, as in "3 dni".
        if (compound) return compound.filter((t) => !isStopWord(t));
        const typed =
          correct && !this.lemmas.has(w) && !this.articleWords.has(w)
            ? (this.nasalSpelt(w) ?? (w.length >= MIN_CORRECTED_LENGTH ? this.spelling.correct(w) : w))
            : w;
        return [this.lemmas.get(typed) ?? this.derivedOf(typed) ?? typed];
      });
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, resolved);
    return resolved;
  }
}

/**
 * Whether "nie" stands right before the word in the folded text, with only blanks between: an
 * answer's "Nie. Niewykorzystane minuty…" starts a new sentence, it negates nothing.
 */
function negates(folded: string, word: string): boolean {
  return new RegExp(`(?<!\\p{L})nie\\s+${word}(?!\\p{L})`, 'u').test(folded);
}

let lemmaTable: Map<string, string> | undefined;
/** The committed lemma table, read once per process. */
function sharedLemmas(): Map<string, string> {
  lemmaTable ??= loadLemmas();
  return lemmaTable;
}
