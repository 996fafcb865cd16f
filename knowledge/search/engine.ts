import type { Locale } from '../../common/locale';
import { fold, foldPhrase } from '../../common/text';
import type { AnswerResult, KbEntry, Suggestion } from '../types';
import { isKeptQuestionWord } from '../normalize';
import { Calibration, confidenceOf, Features } from './confidence';
import { Coverage, EntryVocabulary } from './coverage';
import { expandWithSynonyms } from './glossary';
import { splitFacts } from './facts';
import { factToQuote, headingOf, QuotableFact } from './quote';
import { Exclusions } from './premise';
import { ProductScope } from './products';
import { askedAction, askedObject, type AskedObject } from './askedObject';
import { askedParts } from './askedParts';
import { withoutOwnedEdition } from './ownedEdition';
import { tellsDuration } from './duration';
import { kindAgreement, opensAsking, questionKinds } from './questionKind';
import { MIN_LENGTH as SPELLING_MIN_LENGTH } from './spelling';
import { Terms } from './terms';
import { Threshold, thresholdsOf, withThresholds } from './thresholds';
import { TrigramIndex } from './trigramIndex';
import { namesUncoveredProduct } from './vocabulary';
import defaultCalibration from './calibration.json';

/**
 * An entry's score mixes four similarities: with its best-matching question phrasing, with all
 * its phrasings together (words spread over several alternates), with its answer text, and with
 * the answer's best-matching fact (one sentence or step).
 */
const WEIGHTS = { best: 0.35, all: 0.3, answer: 0.1, fact: 0.25 };
const enum Unit {
  Question,
  AllQuestions,
  Answer,
  Fact,
}
/** The top fact is quoted ahead of the whole answer when it is this similar to the question and the answer has more. */
const QUOTE_AT = 0.2;
/** Lower scores for the other scope when the question names neither ("Microsoft 365" alone is global). */
const OTHER_SCOPE = 0.7;
/** A 21Vianet answer to a question naming neither scope, with this share of unknown words, needs this confidence. */
const UNNAMED_SCOPE_UNKNOWN = 0.1;
const UNNAMED_SCOPE_SURE = 0.8;
/**
 * A question asking how to do what the entry never mentions (see `howOfOther`) is answered only
 * at this confidence. Off-topic questions next to the domain are "Jak włączyć napisy na Skypie?",
 * "Jak zresetować hasło?": the entry shares "jak", "Skype", "włączyć" and the model is fairly sure.
 * On the tune sets A-I it cost 1 right answer ("krok po korku" is no rare thing) and found no
 * off-topic answer to remove; on J-Q it removed 5 off-topic answers (3 questions) and lost no
 * right one. From 0.8 it lost 3 right answers on J-Q for 1 more off-topic one; any question
 * with "jak" anywhere, not only first, lost 4 right on A-I and 4 on J-Q.
 */
const HOW_OF_OTHER_SURE = 0.7;
/**
 * A question naming only products the entry's article is not about (see ProductScope) is answered
 * only at this confidence. On the tune sets A-M it removed 1 off-topic answer, on N-S 3 (of 7)
 * and 1 wrong one, and lost no right answer; no such question answered right was below 1, and
 * from 0.8 (or 0.7) 1 (3) of the off-topic ones on N-S were answered again.
 */
const OTHER_PRODUCT_SURE = 0.9;
/**
 * A question whose asked thing the entry never mentions (see `Candidate.missesObject`) is
 * answered only at this confidence: "ile osób może korzystać z subskrypcji" is no question about
 * the minutes it shares "Office 365" with. A thing the base names elsewhere ("hasło") is surely
 * not this entry's; an unknown word may be a typo of the entry's own. On the tune sets A-M the
 * two removed 1 off-topic answer, on N-S 3 (of 4 left), and lost no right answer. The unknown
 * thing's bar from 0.65 lost 1 right answer on A-M (a typo); the known thing's removed the N-S
 * one from 0.75 (A-M unchanged up to 0.85) and lost 1 right answer on A-M from 0.9. An unknown
 * thing long enough for the spelling to have corrected it ("komputerach", "powiadomienia") is no
 * typo: the base never names it (`unnamed`). At 0.81 it removed 2 off-topic answers on Z and lost
 * no right answer on A-U, once a "jak…" clause after a yes-or-no one was read as a condition (see
 * askedObject); without that, 1 right answer on A-M. A word with a look-alike in the base may be a
 * typo whatever else it is ("roznów" read as a known word): with those at the unknown thing's bar,
 * the known thing's from 0.86 (as at 0.9) removed 1 off-topic answer on Z and lost none on A-U;
 * without, 0.86 lost that typo's right answer on A-M.
 */
const OBJECT_SURE = { known: 0.86, unnamed: 0.81, unknown: 0.6 };
/**
 * A runner-up parted from the first by the kind of question (see `kindParts`) is answered instead
 * from this confidence: on A-I 1 wrong answer fewer, on J-Q 1, no right one lost; from 0.8 it
 * lost 1 right answer on J-Q, from 0.7 3 on A-I and 5 on J-Q.
 */
const KIND_OVER_FIRST_SURE = 0.9;
/**
 * A runner-up in a near tie that accounts for more of the sentences that ask than the first (see
 * `Candidate.asksLead`), and that the model is surer of, is answered instead from this
 * confidence. On the tune sets A-M it answered 1 more right and 1 fewer wrong, N-U unchanged;
 * from 0.8 1 more wrong on A-M, from 0.7 2 on A-M and 1 on N-S, with no more right.
 */
const ASKS_OVER_FIRST_SURE = 0.9;
/**
 * A candidate telling the time a message asks after its situation (see
 * `Candidate.timeOverContext`) is answered instead of the first from this confidence: on the tune
 * sets N-S 2 more right and 2 fewer wrong (both colloquial), A-M, T and U unchanged, no more
 * off-topic; from 0.25 the same, from 0.5 1 fewer right on N-S. Lower than `answerAt`: the first,
 * fitting the situation told, keeps the model's confidence in its rivals down.
 */
const TIME_OVER_CONTEXT_SURE = 0.35;
/**
 * A near tie between two entries of one article is answered when the question says more of the
 * first one's phrasing and the model is this much surer of it than of its sibling (see
 * `Candidate.siblingLead`). On the tune sets A-M it answered 3 more right and 1 more wrong (an
 * English one), on N-S 5 more right, with no more wrong or off-topic. From 0.05, 1 more right and
 * 2 more wrong on A-M; from 0.15, none more on A-M. Without the same article, 1 more wrong on A-M
 * and 1 more off-topic on N-S; without `saysMore`, 6 right for 4 wrong and 1 off-topic on A-M.
 */
const SIBLING_SURER = 0.1;
/** When the best entries of both scopes are this close, the bot asks which scope is meant. */
const SCOPE_TIE = 0.85;
/** Entries ranked on their questions before they are scored in full. */
const CANDIDATES = 16;
/** Candidates looked at closely (coverage, confidence) after the trigram scoring. */
const SHORTLIST = 5;
/** A word found only in an entry's answer counts this much when picking candidates (as in coverage). */
const ANSWER_ONLY = 0.5;
/** A look-alike of a question word (a typo) counts this much of the word it may be. */
const TYPO_SHARE = 0.8;
/**
 * How far the kind of question asked reorders the shortlist (see questionKind): an entry whose
 * phrasings ask the same kind ranks as if scoring 1 + KIND_SHARE / 2 times its score, one asking
 * another kind 1 - KIND_SHARE / 2 times. Only the order: the confidence still sees the plain score.
 */
const KIND_SHARE = 0.3;
/**
 * How much the coverage of the sentence that asks counts, against the whole message's, in the
 * rerank ("Padła poczta w całej firmie. Jak szybko się odezwą?" asks about response times). On
 * the tune sets A-I, 0.1-0.3 answered four fewer questions wrong (colloquial ones); from 0.4 the
 * context was lost and fewer right entries were offered.
 */
const FOCUS_SHARE = 0.2;
/**
 * Beside an answer, up to `RELATED` runner-ups scoring at least `RELATED_SHARE` of its score are
 * offered as "See also". On the blind tune sets A-I, two in three wrong answers had the right
 * entry among such runner-ups (a lower share added few more and many more buttons).
 */
const RELATED = 2;
const RELATED_SHARE = 0.5;
/**
 * A runner-up scoring less is still offered when the model is nearly as sure of it as of the
 * answer: the trigram score misses what the confidence weighs ("ile profili SIP" scores on the
 * entry naming profiles, the rules for how many are the runner-up at 0.8 of its confidence). On
 * the tune sets A-M it offered 1 more right entry for 0.01 more buttons per answer; from 0.7,
 * 4 times as many more buttons for none more right; N-U unchanged either way.
 */
const RELATED_SURE_SHARE = 0.8;
/**
 * Instead of an answer, up to `SUGGESTIONS` entries are offered, each at least `SUGGESTION_SHARE`
 * as sure as the surest; the chat shows each as a button. On the tune sets A-M a fourth one
 * offered the right entry 3 more times (2 with the share, the third was at 0.195). The share
 * keeps the long shots off: buttons per off-topic question A-M 0.90 as with three, N-S 1.31 ->
 * 1.35, T 0.70 -> 0.77, U 0.97 -> 0.93 (without it 0.98, 1.44, 0.80, 1.00).
 */
const SUGGESTIONS = 4;
const SUGGESTION_SHARE = 0.2;
/**
 * An answer to a question this much made of words the base never uses looks off-topic: no
 * "See also" beside it (on A-I no wrong answer had so many, one off-topic answer did).
 */
const RELATED_UNKNOWN = 0.4;
/**
 * A second question of a message (see askedParts) is searched on its own when it names at least
 * this many words the base uses (question words aside): one ("Zablokuje?", "gdzie to zobaczę?",
 * "co mam kliknąć?") leaves its topic to the first question, and alone ranks any entry using it.
 */
const PART_WORDS = 2;
/**
 * …and its entry offered when the model is this sure of it. None of the tune sets' two-question
 * messages missed its expected entry (all were answered or offered already), so the bar only
 * keeps noise off: on A-U, at the answer threshold 6 answers gained a button, mostly a vague
 * follow-up read in another product's words ("ile tego jest na miesiąc?" as Skype Connect
 * channels); at 0.7, 3.
 */
const PART_SURE = 0.7;
/**
 * Entries scoring this close are ordered by which closest phrasing the question says more of
 * (`said`): the one whose phrasing adds what was not asked comes second. On the tune sets A-H it
 * answered 2 more right and 2 fewer wrong, on I-M 3 more right, 1 fewer wrong and 1 fewer
 * off-topic; at 0.02 it put the right entry first 6 fewer times on A-H.
 */
const SAYS_MORE_TIE = 0.01;

export interface AbstainRule {
  /** Answer only at or above this confidence… */
  answerAt: number;
  /**
   * …or this one for a Polish question that asks none of the kinds questionKind tells ("czy…",
   * "co…", "jakie…", keywords): the model weighs such a question as agreeing with every entry by
   * half, but off-topic questions written next to the domain are nearly all "jak…" or "ile…" ones
   * about what no article covers. On the tune sets A-O such questions at 0.4 to 0.5 were right 14
   * times, wrong 2 and off-topic once (those asking a kind: 4 right, 12 off-topic); from 0.3, 4
   * more right for 3 more off-topic. No English question fell between, so English ones keep
   * `answerAt` ("Can I change it?" after linking the wrong Skype account is not Skype Connect).
   */
  plainAnswerAt: number;
  /** …and only when its score is this far ahead of the runner-up's: a tie is a question to ask back… */
  margin: number;
  /**
   * …unless its confidence reaches this and it covers words the others miss: the model has told
   * the two apart on what the scores miss. On the blind tune sets A-H, near ties this sure were
   * right eight times in nine and never off-topic (0.7 to 0.8 alone: 8 right, 1 wrong); below
   * 0.7 one in four was wrong. A near tie that the kind of question parted (see `kindParts`) is
   * answered at `answerAt`, and so is one between siblings that the model parts (see
   * `Candidate.siblingLead`). So is one this sure whose phrasing the question says more of than
   * the runner-up's (see `Candidate.saysMore`).
   */
  tieAnswerAt: number;
  /** Between `suggestAt` and an answer: offer suggestions. Below: not covered. */
  suggestAt: number;
  /** A suggestion must reach this confidence itself to be offered. */
  suggestionFloor: number;
}

const NO_WORDS = new Set<string>();
/** Where a message's sentences end (its lines too). */
const SENTENCE_END = /(?<=[.!?…])\s+|\n+/u;
/** A sentence that asks without a question mark or a question word: "czy…", "da się…", "is it…". */
const ASKS = /^\s*(czy|da sie|da się|mozna|można|is|are|can|do|does)\b/iu;
/** Where a sentence's clauses part: a comma (a dash leads from the topic to what is asked of it). */
const CLAUSE_END = /\s*,\s+/u;
/** Where the clauses of a sentence that asks part: a comma, a dash, or a conjunction ("jaki to priorytet i kiedy się odezwą?"). */
const ASKED_CLAUSE_END = /\s*,\s+|\s+[-–—]\s+|\s+(?:i|oraz|a|and)\s+/u;

/** Whether a sentence or clause asks: a question mark, a question word, or "czy…", "da się…". */
function asks(text: string): boolean {
  return text.includes('?') || questionKinds(text).size > 0 || ASKS.test(text);
}

/**
 * The kinds of answer a message asks for: those of its sentences with a question mark when it has
 * any, since a question word in a sentence without one tells ("chcemy kogoś, kto doradzi, jak…
 * Jest coś takiego u was?" asks whether there is such help, not who or how).
 */
function askedKinds(question: string): Set<string> {
  const marked = question.split(SENTENCE_END).filter((s) => s.includes('?'));
  return questionKinds(marked.length > 0 ? marked.join('\n') : question);
}

/**
 * Whether a sentence of the message with a question mark has a clause that opens on a question
 * word of this kind ("…, jak szybko ktoś się odezwie?", "…i ile poczekam?"): it asks that kind
 * itself, where "will it show me when it expires?" asks yes or no about a time.
 */
function opensClauseAsking(question: string, kind: string): boolean {
  return question
    .split(SENTENCE_END)
    .filter((s) => s.includes('?'))
    .some((s) => s.split(ASKED_CLAUSE_END).some((clause) => opensAsking(clause, kind)));
}

/**
 * A question whose last clause asks after clauses that only tell ("od rana nie działa poczta w
 * całej firmie, jak szybko ktoś się odezwie?"), split into the context and the clause that asks,
 * as two sentences would be (see FOCUS_SHARE). Only a clause opening on a question word after a
 * comma: one after a dash asks about the topic before it ("Obniżenie ważności – kiedy?"), and
 * ", czy…" often asks whether the context holds. On A-U: one more right, none lost.
 */
function contextAndAsk(sentence: string): string[] {
  if (!sentence.trimEnd().endsWith('?')) return [sentence];
  const clauses = sentence.split(CLAUSE_END);
  const last = clauses.pop()!;
  const context = clauses.join(', ');
  if (!context || clauses.some(asks) || questionKinds(last).size === 0) return [sentence];
  return [context, last];
}

/**
 * A question as the engine reads it: each run of spaces and tabs one space, each line break
 * (with the blanks around it) one line break, no blanks at either end. Question words are matched
 * as phrases ("how long", "jak długo"), so a doubled space would otherwise change the answer.
 */
export function tidyQuestion(question: string): string {
  return question
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
}

/** Words that name the 21Vianet scope: the company, or China where it runs Office 365. */
const SCOPE_NAMES = '21Vianet Chiny';

/**
 * Share of the question's words one fact of an entry must hold for the kind its phrasings ask to
 * stop counting against it: "W jaki sposób 21Vianet zbiera opinie klientów?" asks a way, the
 * entry's phrasings ask what support does, and one of its sentences tells the surveys. On the
 * tune sets A-ZB 3 more right, none wrong or off-topic; from 0.6 one more right and one more
 * off-topic.
 */
const FACT_TELLS = 0.8;
export const DEFAULT_RULE: AbstainRule = {
  answerAt: (defaultCalibration as Calibration).answerAt ?? 0.5,
  plainAnswerAt: 0.4,
  margin: 0.02,
  tieAnswerAt: 0.7,
  suggestAt: 0.1,
  suggestionFloor: 0.05,
};

export interface Candidate extends Features {
  entry: KbEntry;
  /** The entry's position in the engine's list. */
  index: number;
  confidence: number;
  /**
   * The question asks a price ("ile kosztuje") and none of the entry's phrasings does: the
   * entry may name the thing priced, never its price. A question that also asks where the price
   * is shown ("ile kosztuje pakiet, gdzie to widać") asks what the articles do tell: on the tune
   * sets A-S all 48 questions asking a price alone were off-topic, and both asking it with "gdzie"
   * were in scope and abstained at 0.97 and 0.99.
   */
  unaskedPrice: boolean;
  /**
   * The question surely names a product that is not ours to answer: a name with a plus
   * ("Canal+"), or one of ours no article covers ("numer Skype"). A capitalised word we do not
   * know ("w Play", "w Chicago") may be a place as well, and only weighs the confidence down (`foreign`).
   */
  namesProduct: boolean;
  /**
   * The first two candidates only: its phrasings ask the kind of question the message asks ("ile",
   * "kiedy", "kto") and the other's never do. Near duplicates that fit the words alike are
   * parted by what is asked: on the tune sets A-F such near ties answered were right 7 times in
   * 7, and on G-K 7 in 9 (1 off-topic of 152 answered).
   */
  kindParts: boolean;
  /**
   * The first two candidates only: the question says more of its closest phrasing than of the
   * other's, whose phrasing adds what was not asked ("…gdy nie mam konta Skype"). Two entries
   * that each add something ("anulować abonament" of channels or of minutes) stay a tie. On the
   * tune sets such near ties at `tieAnswerAt` were answered right 4 more times on A-H and 4 on
   * I-M, none wrong or off-topic; answering every near tie from 0.8 gave 9 and 5 more right but
   * 1 and 1 more wrong, and asked nothing back where the question names neither entry's object.
   * A runner-up that says more is answered instead of a first that is not sure enough (see
   * `answer`).
   */
  saysMore: boolean;
  /**
   * The first candidate only: the runner-up is an entry of the same article, the question says
   * more of this entry's phrasing (`saysMore`), and the model is surer of this one by
   * `SIBLING_SURER`. Siblings share their article's words (activating the minutes, and
   * activating them without a Skype account), so their scores tie however clearly the question
   * asks for one of them; the confidence, which weighs what each accounts for, parts them.
   */
  siblingLead: boolean;
  /**
   * The first two candidates only: the message tells its own situation before it asks (see
   * `focusOf`), and this entry accounts for more of the sentences that ask than any other
   * shortlisted entry. Scores tie when the context names one entry's words and the question the
   * other's ("padła poczta… czy dostaniemy ważność A?"); the entry that answers what is asked is
   * the answer. On the tune sets A-M it answered 3 more colloquial questions right and 1 fewer
   * wrong, on N-S 4 more right, with no more off-topic; requiring a lead of 0.05 or more in
   * the asking sentences' coverage answered 1 fewer right on A-M, of 0.15 2 fewer on A-M and N-S.
   */
  asksLead: boolean;
  /**
   * Any candidate but the first: the message tells its situation (see `focusOf`), then a clause
   * opens on asking a time ("…, kiedy się odezwą?", "ile poczekam?"); this entry's phrasings ask
   * a time and its answer tells one (see tellsDuration), the first's phrasings ask nothing the
   * message asks; this entry accounts for more of the sentences that ask than the first, which
   * accounts for more of the situation told than of them. The first is then the entry the
   * situation is an example of (a broken Outlook button is severity B), the answer the one
   * telling the times. Without the duration told, "kiedy przysługuje ważność A" (on what terms)
   * took a password question's "ile poczekamy?".
   */
  timeOverContext: boolean;
  /**
   * The first candidate only: the question asks how to do something with a rare thing (see
   * `Coverage.missesRareWord`) that the entry never mentions: "jak udostępnić ekran na Skypie"
   * is no question about activating its minutes, however much else they share.
   */
  howOfOther: boolean;
  /**
   * The first candidate only: the question names a group this entry says goes without what the
   * article offers (see Exclusions), so it comes before the how-to the question asks for.
   */
  premise: boolean;
  /** The first candidate only: the question names our products, none of which the entry's article is about (see ProductScope). */
  otherProduct: boolean;
  /**
   * The entry uses at least one of the question's words (question words aside) as the question
   * reads it, not only a longer word it starts ("train" and "training"), a look-alike or a
   * synonym: a question that shares nothing of its own with the entry asks of something else.
   * "How do I get a train from Warsaw to Gdańsk?" reads as "train" alone (the cities and the
   * framing say nothing to the base) and met the entry on training material at 0.74. On the tune
   * sets A-AB no other answer shared no word with its entry.
   */
  sharesWord: boolean;
  /**
   * The first candidate only: the question asks how to do something (see askedAction) that the
   * base never names in any form, and the word is no typo (see `objectKind`): no entry tells how to
   * do it ("Jak przelać środki…", "Jak przywrócić usuniętego użytkownika…"), however much else
   * the entry shares. Answered only as surely as a thing the base never names (OBJECT_SURE): of
   * the 158 tune questions A-AB asking so, 156 were off-topic; the bar removed 2 off-topic answers
   * and lost no right one (the one answered right, "Jak dotrzeć bezpośrednio do Microsoftu?", is
   * at 0.98; an off-topic one stays answered at 0.95).
   */
  unknownAction: boolean;
  /**
   * The first candidate only: the question asks how to do something with a thing, how many of
   * it there are or which one (see askedObject), and the entry never mentions that thing (see Coverage.mentions):
   * 'known' when the base uses the word elsewhere, 'unnamed' when it never does and the word is no
   * typo, 'unknown' when it may be one (see `objectKind`).
   */
  missesObject?: 'known' | 'unnamed' | 'unknown';
}

/**
 * Whether a candidate is far enough ahead of the runner-up to be the answer, at this confidence
 * (the engine's rule; knowledge/cli/calibrate.ts applies it too).
 */
export function leads(
  c: Pick<Candidate, 'margin' | 'coverageLead' | 'unaskedPrice' | 'kindParts' | 'saysMore' | 'siblingLead' | 'asksLead'>,
  confidence: number,
  rule: AbstainRule,
): boolean {
  // A sure near tie is answered only when the entry accounts for words the others miss, or the
  // runner-up's phrasing adds what was not asked: two entries that cover the question alike
  // ("anulować abonament" of channels or of minutes) are a question to ask back however sure
  // the model is, unless the kind of question parts them, or the model is clearly surer of the
  // first of two siblings (see `siblingLead`), or the first accounts for what is asked where the
  // rest only share the context (see `asksLead`).
  if (c.unaskedPrice) return false;
  return (
    c.margin >= rule.margin ||
    (confidence >= rule.tieAnswerAt && (c.coverageLead > 0 || c.saysMore)) ||
    c.kindParts ||
    c.siblingLead ||
    c.asksLead
  );
}

/** The confidence a candidate is answered at: lower for a Polish question asking no kind (see `plainAnswerAt`). */
export function answerThreshold(c: Pick<Candidate, 'askAgrees'>, locale: Locale, rule: AbstainRule): number {
  // kindAgreement gives 0.5 exactly when the question asks no kind.
  return locale === 'pl' && c.askAgrees === 0.5 ? Math.min(rule.plainAnswerAt, rule.answerAt) : rule.answerAt;
}

const MESSAGES = {
  pl: {
    suggest: 'Nie jestem pewien, o co pytasz. Czy chodziło Ci o jedno z tych pytań?',
    wholeAnswer: 'Cała odpowiedź na pytanie',
    whichScope: 'Odpowiedź zależy od usługi: chodzi o Microsoft 365 (globalnie) czy o Office 365 obsługiwany przez 21Vianet w Chinach?',
    notCovered: 'Nie znalazłem odpowiedzi na to pytanie w bazie wiedzy. Spróbuj zapytać inaczej albo załóż zgłoszenie do konsultanta.',
  },
  en: {
    suggest: 'I am not sure what you mean. Did you mean one of these questions?',
    wholeAnswer: 'The whole answer to',
    whichScope: 'The answer depends on the service: do you mean Microsoft 365 (global) or Office 365 operated by 21Vianet in China?',
    notCovered: 'I could not find an answer to that in the knowledge base. Try asking differently or open a ticket with an agent.',
  },
};

export class SearchEngine {
  private readonly index: TrigramIndex;
  /** Each entry's question phrasings (consecutive units). */
  private readonly questionUnits: { first: number; count: number }[];
  /** Each entry's facts (consecutive units), their text and language. */
  private readonly factUnits: { first: number; count: number }[];
  private readonly facts = new Map<number, { text: string; locale: Locale; terms: Set<string> }>();
  /** Each entry's units that are scored on demand rather than searched. */
  private readonly allQuestionsUnit: Int32Array;
  private readonly answerUnit: Int32Array;
  /** Scratch space for `rank`: each entry's word score (see `wordCandidates`), and the entries touched. */
  private readonly wordScore: Float32Array;
  private readonly touched: Int32Array;
  private readonly vocabularies: EntryVocabulary[];
  private readonly coverage: Coverage;
  /** For each word of the entries' question phrasings: the entries using it, and its idf. */
  private readonly wordEntries = new Map<string, { entries: Int32Array; shares: Float32Array }>();
  private readonly wordIdf = new Map<string, number>();
  /** Scratch space for `wordCandidates`: the last query word that credited each entry. */
  private readonly lastWord: Int32Array;
  /** The kinds of question each entry's phrasings ask (see questionKind). */
  private readonly kinds: Set<string>[];
  /** Whether each entry's answer tells how long something takes or lasts (see tellsDuration). */
  private readonly tellsTime: boolean[];
  /** Each title (either language, folded) that names one entry only: a suggestion picked sends it back. */
  private readonly titled = new Map<string, number>();
  /** Limits the facts state rules past ("powyżej 100"), for the numbers questions name. */
  private readonly thresholds: Threshold[];
  /** Each unit's terms, for how much of a phrasing a question says (`said`). */
  private readonly unitTerms: Set<string>[];
  /** A typo of a form of the base's words, to that word's lemma (see Terms.formSpelling). */
  private readonly correctForm: (word: string) => string;
  /** The terms of SCOPE_NAMES as the question's words read them, whatever lemma the table gives "Chiny". */
  private readonly scopeTerms: Set<string>;
  private readonly exclusions: Exclusions;
  private readonly products: ProductScope;

  constructor(
    readonly entries: readonly KbEntry[],
    private readonly calibration: Calibration = defaultCalibration,
    readonly rule: AbstainRule = DEFAULT_RULE,
    private readonly terms: Terms = new Terms(),
  ) {
    const unitWords: string[][] = [];
    const unitEntry: number[] = [];
    const unitKind: number[] = [];
    const add = (entry: number, kind: Unit, text: string): void => {
      unitWords.push(terms.of(text));
      unitEntry.push(entry);
      unitKind.push(kind);
    };
    const questionsOf = (e: KbEntry): string[] => [e.title, ...(e.titleEn ? [e.titleEn] : []), ...e.alternates];
    this.questionUnits = [];
    this.factUnits = [];
    entries.forEach((e, i) => {
      const first = unitWords.length;
      for (const q of questionsOf(e)) add(i, Unit.Question, q);
      this.questionUnits.push({ first, count: unitWords.length - first });
      add(i, Unit.AllQuestions, questionsOf(e).join(' '));
      add(i, Unit.Answer, `${e.answer} ${e.answerEn ?? ''}`);
      const firstFact = unitWords.length;
      for (const [locale, answer] of [
        ['pl', e.answer],
        ['en', e.answerEn],
      ] as const) {
        for (const fact of answer ? splitFacts(answer) : []) {
          this.facts.set(unitWords.length, { text: fact, locale, terms: new Set(terms.of(fact)) });
          add(i, Unit.Fact, fact);
        }
      }
      this.factUnits.push({ first: firstFact, count: unitWords.length - firstFact });
    });
    this.unitTerms = unitWords.map((w) => new Set(w));
    this.index = new TrigramIndex(unitWords);
    this.allQuestionsUnit = new Int32Array(entries.length);
    this.answerUnit = new Int32Array(entries.length);
    unitEntry.forEach((entry, unit) => {
      if (unitKind[unit] === Unit.AllQuestions) this.allQuestionsUnit[entry] = unit;
      if (unitKind[unit] === Unit.Answer) this.answerUnit[entry] = unit;
    });
    this.wordScore = new Float32Array(entries.length);
    // One spare slot: the branch-free visit writes one past the last entry it keeps.
    this.touched = new Int32Array(entries.length + 1);
    this.vocabularies = entries.map((e) => {
      const pl = new Set(terms.of(e.answer));
      return {
        questions: new Set(terms.of(questionsOf(e).join(' '))),
        answer: new Set(terms.of(`${e.answer} ${e.answerEn ?? ''}`)),
        english: new Set(terms.of(e.answerEn ?? '').filter((w) => !pl.has(w))),
      };
    });
    this.coverage = new Coverage(this.vocabularies, (w) => terms.isPolish(w));
    this.correctForm = terms.formSpelling(new Set(this.vocabularies.flatMap(({ questions, answer }) => [...questions, ...answer])));
    const wordEntries = new Map<string, { entries: number[]; shares: number[] }>();
    this.vocabularies.forEach(({ questions, answer }, e) => {
      for (const w of new Set([...questions, ...answer])) {
        let postings = wordEntries.get(w);
        if (!postings) wordEntries.set(w, (postings = { entries: [], shares: [] }));
        postings.entries.push(e);
        postings.shares.push(questions.has(w) ? 1 : ANSWER_ONLY);
      }
    });
    for (const [w, { entries: list, shares }] of wordEntries) {
      this.wordEntries.set(w, { entries: Int32Array.from(list), shares: Float32Array.from(shares) });
      this.wordIdf.set(w, Math.log((entries.length + 1) / (list.length + 0.5)));
    }
    this.lastWord = new Int32Array(entries.length);
    this.kinds = entries.map((e) => questionKinds(questionsOf(e).join('\n')));
    this.tellsTime = entries.map((e) => tellsDuration(e.answer));
    const titleCount = new Map<string, number>();
    const titlesOf = (e: KbEntry): Set<string> => new Set([e.title, e.titleEn ?? e.title].map(foldPhrase));
    for (const e of entries) for (const t of titlesOf(e)) titleCount.set(t, (titleCount.get(t) ?? 0) + 1);
    entries.forEach((e, i) => {
      for (const t of titlesOf(e)) if (titleCount.get(t) === 1) this.titled.set(t, i);
    });
    this.thresholds = thresholdsOf(
      [...this.facts.values()].map((f) => f.text),
      (text) => terms.of(text),
    );
    this.scopeTerms = new Set(this.wordsOf(SCOPE_NAMES));
    this.exclusions = new Exclusions(entries, terms);
    this.products = new ProductScope(entries, this.vocabularies);
  }

  /** The best entries for a question, best first (at most `SHORTLIST`). */
  rank(question: string, locale?: Locale): Candidate[] {
    return this.search(question, locale).ranked;
  }

  /** `named`: the scope named elsewhere in the message, for one question of several (see `otherParts`). */
  private search(raw: string, locale?: Locale, named = false): { ranked: Candidate[]; scopeNamed: boolean; words: string[] } {
    const question = withoutOwnedEdition(tidyQuestion(raw));
    const words = this.wordsOf(question);
    const scopeNamed = named || words.some((w) => this.scopeTerms.has(w));
    const english = locale === 'en';
    return { ranked: this.rankWords(question, words, this.focusOf(question, words), scopeNamed, english), scopeNamed, words };
  }

  private wordsOf(text: string): string[] {
    return withThresholds(
      this.terms.ofQuestion(text).map((w) => {
        const lemma = this.coverage.correct(w);
        return lemma === w ? this.correctForm(w) : lemma;
      }),
      this.thresholds,
    );
  }

  /**
   * The words of the sentences that ask (a question mark or a question word), when a message
   * also tells its context: the whole message is searched, since the context often names the
   * detail ("do Egiptu"), but an entry that accounts for what is asked is the likelier answer.
   * When a sentence with a question mark asks with a question word, a question word without
   * one tells what the request is about ("Chcę zapytać, jak ustawić hasło. Kiedy odpowiecie?").
   * Sentences that ask with no word the articles use but question words ("Co teraz?", "Czy to
   * na coś wpływa?") leave what is asked to the context told: the whole message is the focus.
   * On A-U: 2 more right on A-M, none lost.
   */
  private focusOf(question: string, words: string[]): string[] {
    const sentences = question
      .split(SENTENCE_END)
      .filter((s) => s.trim())
      .flatMap(contextAndAsk);
    if (sentences.length < 2) return words;
    const marked = sentences.filter((s) => s.includes('?') && (questionKinds(s).size > 0 || ASKS.test(s)));
    const asking = marked.length > 0 ? marked : sentences.filter(asks);
    if (asking.length === 0 || asking.length === sentences.length) return words;
    const focus = this.wordsOf(asking.join(' '));
    return focus.some((w) => this.wordEntries.has(w) && questionKinds(w).size === 0) ? focus : words;
  }

  private rankWords(question: string, words: string[], focus: string[], scopeNamed: boolean, english: boolean): Candidate[] {
    if (words.length === 0) return [];
    // Candidates: entries that share the most (idf-weighted) words with the question (typed
    // arrays reused across questions). Then each candidate is scored in full on trigrams: its
    // best phrasing, all phrasings together, its answer and its best fact. Typed-array reads
    // (`!`) are at units and entries the constructor sized the arrays for.
    const { wordScore, touched } = this;
    const expanded = expandWithSynonyms(words);
    this.index.prepare(expanded);
    const touchedCount = this.wordCandidates(expanded);
    const candidates = new TopK(CANDIDATES);
    for (let i = 0; i < touchedCount; i++) {
      const e = touched[i]!;
      candidates.offer(e, wordScore[e]!);
      wordScore[e] = 0;
    }
    const top = new TopK(SHORTLIST);
    const facts = new Map<number, ReturnType<SearchEngine['bestFact']>>();
    for (const { e } of candidates.items()) {
      const { first, count } = this.questionUnits[e]!;
      let best = 0;
      for (let u = first; u < first + count; u++) best = Math.max(best, this.index.similarity(u));
      const all = this.index.similarity(this.allQuestionsUnit[e]!);
      const answer = this.index.similarity(this.answerUnit[e]!);
      const bestFact = this.bestFact(e);
      facts.set(e, bestFact);
      const fact = bestFact?.similarity ?? 0;
      const scope = this.entries[e]!.scope;
      // A question that names neither 21Vianet nor China asks about global Microsoft 365, and
      // one naming 21Vianet about its service: the other scope's entries count for less.
      const inOtherScope = scope !== undefined && (scope === '21vianet') !== scopeNamed;
      const weight = inOtherScope ? OTHER_SCOPE : 1;
      top.offer(e, weight * (WEIGHTS.best * best + WEIGHTS.all * all + WEIGHTS.answer * answer + WEIGHTS.fact * fact));
    }
    const unknown = this.coverage.unknownShare(words);
    // A misspelt name of ours ("Skype Conect") is no one else's product; five letters are too
    // few to tell a typo from another name ("Canal+" is not "kanał"). Nor is a word that reads
    // as words the articles use ("SharePointowych" as "SharePoint"), as the bare name is not.
    const knows = (w: string): boolean => this.terms.knows(w) || (w.length > 5 && this.coverage.correct(w) !== w) || this.readsAsOurs(w);
    // So does one of our products that no article covers ("numer Skype"): the question is about it.
    const name = this.coverage.unknownName(question, knows);
    const uncovered = namesUncoveredProduct(fold(question));
    const foreign = name || uncovered ? 1 : 0;
    const namesProduct = name === 'product' || uncovered;
    const asked = askedKinds(question);
    const asksTime = focus !== words && asked.has('time') && opensClauseAsking(question, 'time');
    const object = askedObject(question, (text) => this.wordsOf(text));
    const action = askedAction(question, (text) => this.wordsOf(text));
    const unknownAction = action !== undefined && this.objectKind({ term: action, asks: 'action' }) === 'unnamed';
    // Rerank the shortlist by how much of the question each entry accounts for: a similarity
    // earned on half of the question's words is worth half as much. The sentence that asks
    // counts for more than the context told before it (see FOCUS_SHARE). Near duplicates ("ile
    // minut" of the entry telling the minutes, or of the one telling the plans) part on the kind
    // of question their phrasings ask (see KIND_SHARE).
    const shortlist = top.items().map(({ e, score }) => {
      const { all: coverage, known: knownCoverage } = this.coverage.of(words, this.vocabularies[e]!, english);
      const focusCoverage = focus === words ? coverage : this.coverage.of(focus, this.vocabularies[e]!, english).all;
      const covered = score * (FOCUS_SHARE * focusCoverage + (1 - FOCUS_SHARE) * coverage);
      const order = covered * (1 + KIND_SHARE * (kindAgreement(asked, this.kinds[e]!) - 0.5));
      return { e, coverage, focusCoverage, score: covered, order, knownCoverage };
    });
    shortlist.sort((a, b) => b.order - a.order);
    const typed = new Set(words);
    const content = words.filter((w) => questionKinds(w).size === 0 && !isKeptQuestionWord(w));
    // Two entries scoring alike part on which phrasing the question says more of (see saysMore),
    // unless the first one's phrasings ask what the question asks and the other's do not: "jak
    // szybko ktoś się odezwie" after an outage told in the words of the entry defining severity A.
    const [head, runnerUp] = shortlist;
    if (
      head &&
      runnerUp &&
      Math.abs(head.score - runnerUp.score) < SAYS_MORE_TIE &&
      kindAgreement(asked, this.kinds[head.e]!) <= kindAgreement(asked, this.kinds[runnerUp.e]!)
    ) {
      if (this.said(runnerUp.e, typed) > this.said(head.e, typed)) shortlist.unshift(...shortlist.splice(1, 1));
    }
    const premise = this.contradicted(question, shortlist);
    if (premise > 0) shortlist.unshift(...shortlist.splice(premise, 1));
    const [first, second] = shortlist;
    const [saidFirst, saidSecond] = [first, second].map((c) => (c ? this.said(c.e, typed) : 0));
    const bestOther = (i: number, of: (c: (typeof shortlist)[number]) => number): number =>
      Math.max(0, ...shortlist.filter((_, j) => j !== i).map(of));
    // Ranked by score and kind: the confidence says whether to answer, not which entry is best.
    const ranked: Candidate[] = shortlist.map(({ e, score, coverage, focusCoverage, knownCoverage }, i) => {
      const other = (i === 0 ? second?.score : first?.score) ?? 0;
      const fact = facts.get(e);
      const factCoverage = fact ? this.coverage.of(words, { questions: fact.terms, answer: NO_WORDS }).all : 0;
      const kind = kindAgreement(asked, this.kinds[e]!);
      const features: Features = {
        score,
        margin: score - other,
        lead: score > 0 ? Math.max(-1, (score - other) / score) : 0,
        coverage,
        unknown,
        foreign,
        knownCoverage,
        factCoverage,
        coverageLead: coverage - bestOther(i, (c) => c.coverage),
        askAgrees: kind === 0 && factCoverage >= FACT_TELLS ? 0.5 : kind,
        focusCoverage,
        length: Math.log1p(words.length),
      };
      const unaskedPrice = asked.has('price') && !asked.has('where') && kind === 0;
      // The first two: each is parted from the other by the kind asked.
      const otherOfTwo = i === 0 ? second : i === 1 ? first : undefined;
      const kindParts = !!otherOfTwo && features.askAgrees === 1 && kindAgreement(asked, this.kinds[otherOfTwo.e]!) === 0;
      const confidence = round(confidenceOf(features, this.calibration));
      return {
        entry: this.entries[e]!,
        index: e,
        ...features,
        confidence,
        unaskedPrice,
        namesProduct,
        kindParts,
        saysMore: !!second && (i === 0 ? saidFirst! > saidSecond! : i === 1 && saidSecond! > saidFirst!),
        howOfOther: i === 0 && opensAsking(question, 'how') && this.coverage.missesRareWord(words, this.vocabularies[e]!, english),
        premise: i === 0 && premise >= 0,
        siblingLead: false,
        asksLead: i <= 1 && focus !== words && focusCoverage > bestOther(i, (c) => c.focusCoverage),
        timeOverContext:
          i > 0 &&
          asksTime &&
          features.askAgrees === 1 &&
          this.tellsTime[e]! &&
          kindAgreement(asked, this.kinds[first!.e]!) === 0 &&
          focusCoverage > first!.focusCoverage &&
          first!.focusCoverage < first!.coverage,
        otherProduct: i === 0 && this.products.namesOtherProduct(words, this.entries[e]!),
        unknownAction: i === 0 && unknownAction,
        sharesWord: content.some((w) => this.vocabularies[e]!.questions.has(w) || this.vocabularies[e]!.answer.has(w)),
        missesObject:
          i === 0 && object !== undefined && !this.coverage.mentions(object.term, this.vocabularies[e]!, english)
            ? this.objectKind(object)
            : undefined,
      };
    });
    const [lead, sibling] = ranked;
    if (lead && sibling && lead.entry.file === sibling.entry.file && lead.saysMore) {
      lead.siblingLead = lead.confidence - sibling.confidence >= SIBLING_SURER;
    }
    return ranked;
  }

  /**
   * The position in the shortlist of an entry of the first one's article that excludes a group
   * the question names ("Mamy M365 Business, jak włączyć minuty?"), or -1. Another article's
   * exclusions are no premise of this question: "dla firm" is also in "Skype dla firm".
   */
  private contradicted(question: string, shortlist: { e: number }[]): number {
    const file = shortlist[0] && this.entries[shortlist[0].e]!.file;
    const within = shortlist.map(({ e }) => this.entries[e]!.file === file && this.exclusions.has(e));
    if (!within.includes(true)) return -1;
    const read = this.exclusions.read(question);
    return shortlist.findIndex(({ e }, i) => within[i] && this.exclusions.named(e, read));
  }

  /**
   * How surely an asked thing the entry never mentions is another thing (see OBJECT_SURE): a word
   * with a look-alike in the base may be a typo of it ("roznów"), one the base uses is surely
   * another thing, and so is one too long to be a typo the spelling would not have corrected.
   * Asked which one ("jaki komunikat", "which balance"), a word the base uses is a detail the entry
   * shows without naming it: on the tune sets that lost 11 right answers and removed no off-topic
   * one. Asked what it is ("jaka jest stawka", "what is the rate"), the entry would name it.
   */
  private objectKind({ term, asks }: AskedObject): Candidate['missesObject'] {
    if (this.coverage.formsOf(term).typos.length > 0) return 'unknown';
    if (this.coverage.unknownShare([term]) === 0) return asks === 'which' ? undefined : 'known';
    return term.length >= SPELLING_MIN_LENGTH ? 'unnamed' : 'unknown';
  }

  /** Whether a word the terms rewrite (an alias, a declined name) becomes only words the articles use. */
  private readsAsOurs(word: string): boolean {
    const read = this.terms.ofQuestion(word);
    return read.length > 0 && read.join(' ') !== word && read.every((t) => this.coverage.uses(t));
  }

  /** The largest share of the terms of one of the entry's phrasings that the question uses. */
  private said(e: number, typed: Set<string>): number {
    const { first, count } = this.questionUnits[e]!;
    let best = 0;
    for (let u = first; u < first + count; u++) {
      const terms = this.unitTerms[u]!;
      let found = 0;
      for (const t of terms) found += +typed.has(t);
      if (terms.size > 0) best = Math.max(best, found / terms.size);
    }
    return best;
  }

  /**
   * Entries whose question phrasings use the question's words (or their inflections, or
   * look-alikes of them, which count for less), scored by the idf of the words they share:
   * a few hundred postings per word rather than tens of thousands of trigram postings.
   * Leaves the scores in `wordScore` and the entries in `touched`; returns their count.
   */
  private wordCandidates(query: { word: string; weight: number }[]): number {
    const { wordScore, touched, lastWord } = this;
    let touchedCount = 0;
    for (let q = 0; q < query.length; q++) {
      const { word, weight } = query[q]!;
      const forms = this.coverage.formsOf(word);
      for (let f = 0; f < forms.inflected.length + forms.typos.length; f++) {
        const isTypo = f >= forms.inflected.length;
        const form = isTypo ? forms.typos[f - forms.inflected.length]! : forms.inflected[f]!;
        const postings = this.wordEntries.get(form);
        if (!postings) continue;
        const { entries, shares } = postings;
        const w = weight * (isTypo ? TYPO_SHARE : 1) * this.wordIdf.get(form)!;
        for (let i = 0; i < entries.length; i++) {
          const e = entries[i]!;
          // An entry is credited once per query word, by the first of its forms it uses.
          if (lastWord[e] === q + 1) continue;
          lastWord[e] = q + 1;
          touched[touchedCount] = e;
          touchedCount += +(wordScore[e] === 0);
          wordScore[e] = wordScore[e]! + w * shares[i]!;
        }
      }
    }
    for (let i = 0; i < touchedCount; i++) lastWord[touched[i]!] = 0;
    return touchedCount;
  }

  /** The entry's facts (of any language, or of `locale`) with their similarity to the last searched question. */
  private factsOf(e: number, locale?: Locale): QuotableFact[] {
    const { first, count } = this.factUnits[e]!;
    const facts: QuotableFact[] = [];
    for (let u = first; u < first + count; u++) {
      const fact = this.facts.get(u)!;
      if (!locale || fact.locale === locale) facts.push({ text: fact.text, terms: fact.terms, similarity: this.index.similarity(u) });
    }
    return facts;
  }

  /** The entry's fact (of any language, or of `locale`) most similar to the last searched question. */
  private bestFact(e: number, locale?: Locale): QuotableFact | undefined {
    let best: QuotableFact | undefined;
    for (const fact of this.factsOf(e, locale)) if (!best || fact.similarity > best.similarity) best = fact;
    return best;
  }

  /** The answer in the chat's language, the fact holding the detail asked quoted first when the answer is long. */
  private answerText({ entry, index }: Candidate, locale: Locale, question: string, words: readonly string[]): string {
    const english = locale === 'en' && entry.answerEn !== undefined;
    const full = english ? entry.answerEn! : entry.answer;
    const facts = this.factsOf(index, english ? 'en' : 'pl');
    const kinds = questionKinds(question);
    const fact = factToQuote(facts, words, (w) => this.wordIdf.get(w) ?? 0, { count: kinds.has('count'), where: kinds.has('where') });
    if (!fact || fact.similarity < QUOTE_AT || fact.text === full || full.startsWith(fact.text)) return full;
    const heading = headingOf(full, titleOf(entry, locale));
    const quote = heading ? `${heading}: … ${fact.text}` : fact.text;
    return `${quote}\n\n${MESSAGES[locale].wholeAnswer} „${titleOf(entry, locale)}”: ${full}`;
  }

  answer(question: string, locale: Locale = 'pl'): AnswerResult {
    const { ranked: found, scopeNamed, words } = this.search(question, locale);
    // An entry's own title (a picked suggestion or related button) is that entry, however close its neighbours.
    const titled = this.titled.get(foldPhrase(question));
    const own = titled === undefined ? undefined : found.find((c) => c.index === titled);
    const ranked = own ? [own, ...found.filter((c) => c !== own)] : found;
    const [top] = ranked;
    const text = MESSAGES[locale];
    const suggestion = (c: Candidate): Suggestion => ({
      question: titleOf(c.entry, locale),
      articleId: c.entry.id,
      confidence: c.confidence,
    });
    // A question naming something we do not know ("Canal+", "w Play", "w Chicago") asks no scope
    // and gets no runner-up: what was found is offered as suggestions. It is answered only when
    // the name is no product for sure (see `namesProduct`) and the model, which weighs it down, is
    // sure all the same: a capital may name a place ("oddział w Toronto", "in Warsaw"). On the
    // tune sets A-Q no question naming something unknown that was off-topic or ranked a wrong
    // entry first reached 0.33 (153 of them), while two right ones naming a place reached 0.66
    // and 0.68 ("Canal+" reads as "kanał" and reaches 0.65).
    const foreign = !!top?.foreign && top !== own;
    const namesProduct = !!top?.namesProduct && top !== own;
    // The question names neither scope, so global Microsoft 365 is meant; but when a 21Vianet
    // entry still comes first and a global one fits about as well, ask which one is meant.
    const otherScope = top?.entry.scope === '21vianet' && ranked.find((c) => c.entry.scope === 'global');
    if (
      top &&
      top !== own &&
      !foreign &&
      otherScope &&
      !scopeNamed &&
      top.confidence >= this.rule.suggestAt &&
      otherScope.score >= SCOPE_TIE * top.score
    ) {
      return {
        answered: false,
        answer: text.whichScope,
        confidence: top.confidence,
        source: null,
        suggestions: [suggestion(top), suggestion(otherScope)],
        related: [],
        asksScope: true,
      };
    }
    const answerWith = (pick: Candidate, rest: Candidate[]): AnswerResult => {
      // The answer's facts are those of the whole message: quoted before the parts are searched.
      const answer = this.answerText(pick, locale, question, words);
      const others = pick === own ? [] : this.otherParts(question, pick, locale, scopeNamed);
      const related = [...others, ...this.related([pick, ...rest]).filter((c) => !others.some((o) => o.index === c.index))];
      return {
        answered: true,
        answer,
        confidence: pick.confidence,
        source: { articleId: pick.entry.id, title: titleOf(pick.entry, locale) },
        suggestions: [],
        related: related.map(suggestion),
      };
    };
    // A 21Vianet entry for a question that names neither 21Vianet nor China, with words the base
    // does not know, is more often a global question we have no article for (mailbox sizes, a
    // new payment card) than a 21Vianet one: offered, not answered, unless the model is sure.
    const unnamedScope =
      top?.entry.scope === '21vianet' && !scopeNamed && top.unknown >= UNNAMED_SCOPE_UNKNOWN && top.confidence < UNNAMED_SCOPE_SURE;
    const otherProcedure = !!top?.howOfOther && top.confidence < HOW_OF_OTHER_SURE;
    const ofOtherProduct = !!top?.otherProduct && top.confidence < OTHER_PRODUCT_SURE;
    const ofOtherObject = !!top?.missesObject && top.confidence < OBJECT_SURE[top.missesObject];
    const otherAction = !!top?.unknownAction && top.confidence < OBJECT_SURE.unnamed;
    // An entry that shares no word of the question's own is never the answer (see `sharesWord`).
    const shares = (c: Candidate): boolean => c === own || c.sharesWord;
    // The entry contradicting the question's premise is answered when the model is sure the
    // question is one for its article: the model weighs the entry down for the how-to scoring
    // ahead of it, which is the entry it would have answered.
    const ofArticle = (c: Candidate): boolean => c.entry.file === top?.entry.file && c.confidence >= answerThreshold(c, locale, this.rule);
    if (top?.premise && shares(top) && !foreign && !namesProduct && ranked.some(ofArticle)) return answerWith(top, ranked.slice(1));
    // A runner-up that asks what the question asks, when the first never does, is answered
    // instead when the model is very sure of it ("Jak szybko się odezwą?" told of a critical
    // outage: the response times, not what makes an issue critical).
    const next = ranked[1];
    if (top && top !== own && !foreign && next?.kindParts && shares(next) && next.confidence >= KIND_OVER_FIRST_SURE) {
      return answerWith(next, [top, ...ranked.slice(2)]);
    }
    // So is a candidate telling the time a message asks after its situation, where the first
    // fits the situation told ("przycisk Wyślij się rozjechał… kiedy się odezwą?").
    const timed = top && top !== own && !foreign && !namesProduct ? ranked.find((c) => c.timeOverContext && shares(c)) : undefined;
    if (timed && timed.confidence >= TIME_OVER_CONTEXT_SURE)
      return answerWith(
        timed,
        ranked.filter((c) => c !== timed),
      );
    // So is a runner-up tied with the first that accounts for what is asked, where the first
    // accounts for the context told ("padła poczta… czy dostaniemy ważność A?").
    if (
      top &&
      top !== own &&
      !foreign &&
      !namesProduct &&
      next?.asksLead &&
      shares(next) &&
      !next.unaskedPrice &&
      Math.abs(next.margin) < this.rule.margin &&
      next.confidence > top.confidence &&
      next.confidence >= ASKS_OVER_FIRST_SURE
    ) {
      return answerWith(next, [top, ...ranked.slice(2)]);
    }
    // Sure enough, and far enough ahead of the runner-up, to be the answer.
    if (
      top &&
      !namesProduct &&
      (top === own ||
        (shares(top) &&
          !unnamedScope &&
          !otherProcedure &&
          !ofOtherProduct &&
          !ofOtherObject &&
          !otherAction &&
          top.confidence >= answerThreshold(top, locale, this.rule) &&
          leads(top, top.confidence, this.rule)))
    ) {
      return answerWith(top, ranked.slice(1));
    }
    // A near tie whose runner-up's phrasing the question says more of, and the model is sure of
    // it: on the tune sets 2 more right on A-H and 2 on I-M, no more wrong or off-topic.
    if (
      top &&
      !foreign &&
      next &&
      top.margin < this.rule.margin &&
      next.saysMore &&
      shares(next) &&
      !next.unaskedPrice &&
      next.confidence >= this.rule.tieAnswerAt
    ) {
      return answerWith(next, [top, ...ranked.slice(2)]);
    }
    // Suggestions only for a question that uses at least one word the base knows: "przepis na
    // bigos" shares a few letters with an entry, nothing more. Nor when no candidate uses a word
    // of the question's own (see `sharesWord`): "train" is no question about training material
    // (on A-AB that one question alone lost its suggestion). The surest candidate decides, not
    // the first: the kind of question may rank first an entry the model is less sure of.
    const surest = Math.max(0, ...ranked.map((c) => c.confidence));
    if (top && surest >= this.rule.suggestAt && top.unknown < 1 && ranked.some(shares)) {
      const suggestions: Suggestion[] = ranked
        .filter((c) => c.confidence >= this.rule.suggestionFloor && c.confidence >= SUGGESTION_SHARE * surest)
        .slice(0, SUGGESTIONS)
        .map(suggestion);
      return { answered: false, answer: text.suggest, confidence: top.confidence, source: null, suggestions, related: [] };
    }
    return { answered: false, answer: text.notCovered, confidence: top?.confidence ?? 0, source: null, suggestions: [], related: [] };
  }

  /**
   * For a message asking two or more things (see askedParts): the entry answering each other
   * thing it names (see PART_WORDS) and the model is sure of (PART_SURE), offered beside the answer.
   * Each is searched with the context the message tells, without the other questions: "ile tego
   * jest?" asks about what was told before it, and a scope named holds for each part.
   */
  private otherParts(question: string, pick: Candidate, locale: Locale, scopeNamed: boolean): Candidate[] {
    const message = tidyQuestion(question);
    const parts = askedParts(message);
    const found: Candidate[] = [];
    for (const part of parts) {
      const alone = parts.reduce((text, other) => (other === part ? text : text.replace(other, ' ')), message);
      const named = this.wordsOf(part).filter((w) => this.wordEntries.has(w) && questionKinds(w).size === 0).length;
      if (named < PART_WORDS) continue;
      const [best] = this.search(alone, locale, scopeNamed).ranked;
      if (!best || best.index === pick.index || found.some((c) => c.index === best.index)) continue;
      if (best.confidence >= PART_SURE) found.push(best);
    }
    return found;
  }

  /** The runner-ups worth offering beside the answer (the first of `ranked`): they fit the question nearly as well. */
  private related([top, ...rest]: Candidate[]): Candidate[] {
    if (!top || top.unknown >= RELATED_UNKNOWN) return [];
    return rest
      .filter(
        (c) =>
          c.confidence >= this.rule.suggestionFloor &&
          (c.score >= RELATED_SHARE * top.score || c.confidence >= RELATED_SURE_SHARE * top.confidence),
      )
      .slice(0, RELATED);
  }
}

/**
 * The k best (entry, score) pairs seen, kept sorted by insertion: k is small. Typed arrays, not
 * objects: thousands of entries are offered per question, and allocating for each (even a boxed
 * score) filled the young heap every hundred questions, each collection a tail latency.
 */
class TopK {
  private readonly entries: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;
  constructor(private readonly k: number) {
    this.entries = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  offer(e: number, score: number): void {
    const { entries, scores, k } = this;
    if (this.size === k && score <= scores[k - 1]!) return;
    let i = Math.min(this.size, k - 1);
    for (; i > 0 && scores[i - 1]! < score; i--) {
      entries[i] = entries[i - 1]!;
      scores[i] = scores[i - 1]!;
    }
    entries[i] = e;
    scores[i] = score;
    this.size = Math.min(k, this.size + 1);
  }

  items(): { e: number; score: number }[] {
    return Array.from({ length: this.size }, (_, i) => ({ e: this.entries[i]!, score: this.scores[i]! }));
  }
}

/** The entry's title in the chat's language. */
export function titleOf(entry: KbEntry, locale: Locale): string {
  return locale === 'en' && entry.titleEn ? entry.titleEn : entry.title;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
