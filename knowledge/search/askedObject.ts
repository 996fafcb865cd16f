import { fold } from '../../common/text';

/**
 * A clause that opens by asking how to do something or how many of a thing: "Jak zresetować
 * hasło…", "Ile osób może…", "Na ilu komputerach…" (a preposition may come first). "Jak
 * długo", "jak często" and "po ilu dniach" ask a time, not a way or a count.
 */
const OPENS_ASKING = /^(?:(?:na|w|z|o|do|od|przez|dla)\s+)?(jak(?! (dlugo|szybko|czesto))|ile|ilu|iloma)\b/;
/**
 * A clause that opens by asking which thing or what of it: "Jaka jest stawka…", "Których krajów…".
 * The rest of the clause, after the question word. After a preposition or in the instrumental
 * ("w którym miejscu", "z którego portfela", "jakimi sposobami") it asks where, when or how, of a
 * detail the answer need not name: on the tune sets those readings lost 5 right answers.
 */
const OPENS_WHICH = /^(?:jak(?:i|a|ie|iego|iej|ich)|ktor(?:y|a|e|ego|ej|ych))\s+(.*)/;
/** An English clause asking how many of a thing, and the thing. */
const HOW_MANY = /^how many (\p{L}+)/u;
/** Where a sentence ends; a clause's openings are read within its sentence. */
const SENTENCE_END = /(?<=[.!?…])\s+|\n/u;
/** Where a clause ends: "Kupiłem Office przez pomyłkę — jak dostać zwrot?" asks in its second clause. */
const CLAUSE_END = /[.!?…,;:()]+\s*|\s[-–—]\s*/u;
/** A clause asking yes or no: a "jak…" clause after it in its sentence tells when, not how ("czy…, jak zmienimy…"). */
const OPENS_YES_NO = /^(czy|da sie|mozna)\b/;
/** A Polish infinitive, as terms read it (folded, the dictionary form of a verb): "zmienic", "dostac". */
const INFINITIVE = /\p{L}{2,}(ac|ec|ic|yc|uc)$/u;
/** Verbs that say how one may act, not what is done: the thing asked comes after the verb they take. */
const MODALS = new Set(['moc', 'musiec', 'chciec', 'miec', 'nalezec', 'trzeba', 'mozna', 'wolno', 'dac', 'potrzebowac', 'zrobic']);
/** A shorter term is a pronoun or a particle ("nie", "to"), never the thing asked about. */
const MIN_LENGTH = 4;

/** The thing a question asks about, and whether it asks which one or what of it (see OPENS_WHICH). */
export interface AskedObject {
  term: string;
  which: boolean;
}

/**
 * The thing a question asks about, when a clause opens by asking how to do something with it,
 * how many of it there are or which one: the term after the first verb of "jak…" ("jak zresetować
 * hasło"), the one right after "ile" ("ile osób", "na ilu komputerach"), or the first after "jaki…"
 * or "który…" (copulas and pronouns are no terms: "jaka jest stawka"). Undefined when no clause opens so,
 * or what follows is no noun-like term. In English only "how many" is read ("how many people"):
 * the object of "how do I <verb>" comes after articles and pronouns the terms do not keep apart.
 */
export function askedObject(question: string, termsOf: (text: string) => string[]): AskedObject | undefined {
  for (const sentence of question.split(SENTENCE_END)) {
    const found = objectOfSentence(sentence, termsOf);
    if (found !== false) return found;
  }
  return undefined;
}

/** The thing a sentence asks about (see askedObject), undefined when it asks of none, false when no clause of it opens so. */
function objectOfSentence(sentence: string, termsOf: (text: string) => string[]): AskedObject | undefined | false {
  let yesNo = false;
  for (const clause of sentence.split(CLAUSE_END)) {
    const counted = HOW_MANY.exec(fold(clause).trim())?.[1];
    if (counted) {
      const [object] = termsOf(counted);
      return object && object.length >= MIN_LENGTH ? { term: object, which: false } : undefined;
    }
    const which = OPENS_WHICH.exec(fold(clause).trim())?.[1];
    if (which !== undefined) return asked(termsOf(which)[0], true);
    const opened = OPENS_ASKING.exec(fold(clause).trim())?.[1];
    if (!opened || (opened === 'jak' && yesNo)) {
      yesNo ||= OPENS_YES_NO.test(fold(clause).trim());
      continue;
    }
    const terms = termsOf(clause);
    const asks = terms.findIndex((t) => t === 'jak' || t.startsWith('il'));
    if (asks < 0) continue;
    let i = asks + 1;
    if (opened === 'jak') {
      while (i < terms.length && !(INFINITIVE.test(terms[i]!) && !MODALS.has(terms[i]!))) i++;
      i++;
    }
    return asked(terms[i], false);
  }
  return false;
}

/** The term as the thing asked when it may name a thing: no pronoun, number, verb or modal. */
function asked(term: string | undefined, which: boolean): AskedObject | undefined {
  return term && term.length >= MIN_LENGTH && !/\d/.test(term) && !INFINITIVE.test(term) && !MODALS.has(term) ? { term, which } : undefined;
}
