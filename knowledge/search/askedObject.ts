import { fold } from '../../common/text';
import { questionKinds } from './questionKind';

/**
 * A clause that opens by asking how to do something or how many of a thing: "Jak zresetować
 * hasło…", "Ile osób może…", "Na ilu komputerach…" (a preposition may come first). "Jak
 * długo", "jak często" and "po ilu dniach" ask a time, not a way or a count.
 */
const OPENS_ASKING = /^(?:(?:na|w|z|o|do|od|przez|dla)\s+)?(jak(?! (dlugo|szybko|czesto))|ile|ilu|iloma)\b/;
/**
 * A clause that opens by asking what a thing is ("Jaka jest stawka…": the copula) or which one
 * ("Których krajów…"), and the rest of the clause. After a preposition or in the instrumental
 * ("w którym miejscu", "z którego portfela", "jakimi sposobami") it asks where, when or how, of a
 * detail the answer need not name: on the tune sets those readings lost 5 right answers.
 */
const OPENS_WHICH = /^(?:jak(?:i|a|ie|iego|iej|ich)|ktor(?:y|a|e|ego|ej|ych))\s+((?:jest|sa|byl|byla|bylo|byly|bedzie|beda)\s)?(.*)/;
/** An adjective as terms read it ("maksymalny", "najwyzszy"): "jaki jest maksymalny czas" asks the time. */
const ADJECTIVE = /\p{L}{3,}y$/u;
/** English question words asking what or which thing; the copulas and determiners after them. */
const WHAT = new Set(['what', 'which']);
const COPULAS = new Set(['is', 'are', 'was', 'were', 's']);
const DETERMINERS = new Set(['the', 'a', 'an', 'my', 'your', 'our', 'their', 'its']);
/** Words that end the name of the thing: what the question says of it ("…rate for calls", "…plan should I"). */
const ENDS_NAME = new Set(
  ['for of to in on at with from by about between after before during if when that and or', 'i we you he she it they'].join(' ').split(' '),
);
/** Nouns that stand for what is asked without naming it: "what's the first thing I should check". */
const NAMES_NOTHING = new Set(['thing', 'things', 'one', 'ones', 'way', 'ways', 'kind', 'sort', 'type']);
/** Words that ask on after a thing named without a copula: "which plan should I…", "what caller ID do people…". */
const ASKS_ON = new Set(['do', 'does', 'did', 'can', 'could', 'should', 'would', 'will', 'is', 'are', 'i', 'we', 'you', 'they']);
/** An English clause asking how many of a thing, and the thing. */
const HOW_MANY = /^how many (\p{L}+)/u;
/** Where a sentence ends; a clause's openings are read within its sentence. */
const SENTENCE_END = /(?<=[.!?…])\s+|\n/u;
/** Where a clause ends: "Kupiłem Office przez pomyłkę — jak dostać zwrot?" asks in its second clause. */
const CLAUSE_END = /[.!?…,;:()]+\s*|\s[-–—]\s*/u;
/** A clause asking yes or no: a "jak…" clause after it in its sentence tells when, not how ("czy…, jak zmienimy…"). */
const OPENS_YES_NO = /^(czy|da sie|mozna)\b/;
/** A Polish infinitive, as terms read it (folded, the dictionary form of a verb): "zmienic", "dostac", "przeniesc". */
const INFINITIVE = /\p{L}{2,}(ac|ec|ic|yc|uc|sc|zc)$/u;
/** Verbs that say how one may act, not what is done: the thing asked comes after the verb they take. */
const MODALS = new Set(['moc', 'musiec', 'chciec', 'miec', 'nalezec', 'trzeba', 'mozna', 'wolno', 'dac', 'potrzebowac', 'zrobic']);
/** "Wygląda", "wyglądają" as terms read them (the lemma table may lack the verb). */
const LOOKS = /^wyglada(c|ja)?$/;
/** A shorter term is a pronoun or a particle ("nie", "to"), never the thing asked about. */
const MIN_LENGTH = 4;

/**
 * The thing a question asks about, and how: what to do with it or how many of it there are
 * ('action'), what it is ('what': "jaka jest stawka", "what is the rate"), or which one of its kind
 * ('which': "jaki komunikat", "which balance"), where an answer may show the one without naming the kind.
 */
export interface AskedObject {
  term: string;
  asks: 'action' | 'what' | 'which';
}

/**
 * The thing a question asks about, when a clause opens by asking how to do something with it,
 * how many of it there are or which one: the term after the first verb of "jak…" ("jak zresetować
 * hasło"), the one right after "ile" ("ile osób", "na ilu komputerach"), or the first noun after
 * "jaki…" or "który…" (copulas and pronouns are no terms: "jaka jest stawka"). Undefined when no
 * clause opens so, or what follows is no noun-like term. In English "how many" and "what/which"
 * are read ("how many people", "what is the rate"): the object of "how do I <verb>" comes after
 * articles and pronouns the terms do not keep apart.
 */
export function askedObject(question: string, termsOf: (text: string) => string[]): AskedObject | undefined {
  return readAsking(question, termsOf).object;
}

/**
 * What a Polish question asks to do, when a clause opens by asking how ("Jak przelać środki…"):
 * the first verb after "jak" that is no modal ("jak mogę odzyskać" asks to recover), as the
 * terms read it. Undefined when the clause that asks opens otherwise, or names no verb.
 */
export function askedAction(question: string, termsOf: (text: string) => string[]): string | undefined {
  return readAsking(question, termsOf).action;
}

/** What the first sentence that asks (see askedObject) asks of: the thing, and for "jak…" the verb. */
function readAsking(question: string, termsOf: (text: string) => string[]): { object?: AskedObject; action?: string } {
  for (const sentence of question.split(SENTENCE_END)) {
    const found = readSentence(sentence, termsOf);
    if (found !== false) return found;
  }
  return {};
}

/** What a sentence asks of (see readAsking), false when no clause of it opens by asking. */
function readSentence(sentence: string, termsOf: (text: string) => string[]): { object?: AskedObject; action?: string } | false {
  let yesNo = false;
  for (const clause of sentence.split(CLAUSE_END)) {
    const counted = HOW_MANY.exec(fold(clause).trim())?.[1];
    if (counted) {
      const [object] = termsOf(counted);
      return { object: asked(object, 'action') };
    }
    const named = whatNamed(fold(clause).trim());
    // An English compound ends in its head: "support hours", "per-minute rate".
    if (named) return { object: asked(termsOf(named.words).at(-1), named.asks) };
    const which = OPENS_WHICH.exec(fold(clause).trim());
    if (which) {
      const terms = termsOf(which[2]!);
      return {
        object: asked(
          terms.find((t, i) => !ADJECTIVE.test(t) || i === terms.length - 1),
          which[1] ? 'what' : 'which',
        ),
      };
    }
    const opened = OPENS_ASKING.exec(fold(clause).trim())?.[1];
    if (!opened || (opened === 'jak' && yesNo)) {
      yesNo ||= OPENS_YES_NO.test(fold(clause).trim());
      continue;
    }
    // "Ile to normalnie trwa", "ile dni czekać": how long, of no thing counted.
    if (opened !== 'jak' && !questionKinds(clause).has('count')) return {};
    const terms = termsOf(clause);
    const asks = terms.findIndex((t) => t === 'jak' || t.startsWith('il'));
    if (asks < 0) continue;
    let i = asks + 1;
    if (opened !== 'jak') return { object: asked(terms[i], 'action') };
    // "Jak wygląda zaokrąglanie…" asks what the thing is like: it comes right after the verb.
    if (LOOKS.test(terms[i] ?? '')) return { object: asked(terms[i + 1], 'action') };
    while (i < terms.length && !(INFINITIVE.test(terms[i]!) && !MODALS.has(terms[i]!))) i++;
    return { object: asked(terms[i + 1], 'action'), action: terms[i] };
  }
  return false;
}

/**
 * The words naming the thing an English clause asks what or which of: after a copula and an
 * article ("what is the per-minute rate for…", "what are the support hours"), or before a verb or
 * a pronoun asking on ("which plan should I…"); "what happens if…" names none. Undefined when the
 * clause asks no "what".
 */
function whatNamed(clause: string): { words: string; asks: AskedObject['asks'] } | undefined {
  const words = clause.split(/[^\p{L}\d-]+/u).filter(Boolean);
  if (!WHAT.has(words[0] ?? '')) return undefined;
  let i = 1;
  const copula = COPULAS.has(words[i] ?? '');
  if (copula) i++;
  if (DETERMINERS.has(words[i] ?? '')) i++;
  let end = i;
  // A participle tells what is done with the thing: "what is the customer expected to do".
  while (end < words.length && !ENDS_NAME.has(words[end]!) && !words[end]!.endsWith('ed') && !(!copula && ASKS_ON.has(words[end]!))) end++;
  if (end === i || NAMES_NOTHING.has(words[end - 1]!) || (!copula && !ASKS_ON.has(words[end] ?? ''))) return undefined;
  return { words: words.slice(i, end).join(' '), asks: copula ? 'what' : 'which' };
}

/** The term as the thing asked when it may name a thing: no pronoun, number, verb or modal. */
function asked(term: string | undefined, asks: AskedObject['asks']): AskedObject | undefined {
  return term && term.length >= MIN_LENGTH && !/\d/.test(term) && !INFINITIVE.test(term) && !MODALS.has(term) ? { term, asks } : undefined;
}
