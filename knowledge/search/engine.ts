import type { Locale } from '../../common/locale';
import type { AnswerResult, KbEntry, Suggestion } from '../types';
import { Calibration, confidenceOf, Features } from './confidence';
import { Coverage, EntryVocabulary } from './coverage';
import { expandWithSynonyms } from './glossary';
import { Terms } from './terms';
import { TrigramIndex } from './trigramIndex';
import defaultCalibration from './calibration.json';

/**
 * An entry's score mixes three similarities: with its best-matching question phrasing, with all
 * its phrasings together (words spread over several alternates), and with its answer text.
 */
const WEIGHTS = { best: 0.4, all: 0.4, answer: 0.2 };
const enum Unit {
  Question,
  AllQuestions,
  Answer,
}
/** Entries ranked on their questions before they are scored in full. */
const CANDIDATES = 40;
/**
 * Postings read per question when picking candidates: far above what the product's base needs
 * (so there the search is exact), it caps the time an answer takes on a base of thousands.
 */
const POSTING_BUDGET = 20_000;
/** Candidates looked at closely (coverage, confidence) after the trigram pass. */
const SHORTLIST = 8;

export interface AbstainRule {
  /** Answer only at or above this confidence… */
  answerAt: number;
  /** …and only when its score is this far ahead of the runner-up's: a tie is a question to ask back. */
  margin: number;
  /** Between `suggestAt` and an answer: offer suggestions. Below: not covered. */
  suggestAt: number;
  /** A suggestion must reach this confidence itself to be offered. */
  suggestionFloor: number;
}

export const DEFAULT_RULE: AbstainRule = { answerAt: 0.5, margin: 0.02, suggestAt: 0.15, suggestionFloor: 0.08 };

export interface Candidate extends Features {
  entry: KbEntry;
  confidence: number;
}

const MESSAGES = {
  pl: {
    suggest: 'Nie jestem pewien, o co pytasz. Czy chodziło Ci o jedno z tych pytań?',
    notCovered:
      'Nie znalazłem odpowiedzi na to pytanie w bazie wiedzy. Spróbuj zapytać inaczej albo załóż zgłoszenie do konsultanta.',
  },
  en: {
    suggest: 'I am not sure what you mean. Did you mean one of these questions?',
    notCovered:
      'I could not find an answer to that in the knowledge base. Try asking differently or open a ticket with an agent.',
  },
};

export class SearchEngine {
  private readonly index: TrigramIndex;
  /** For each index unit: the entry it belongs to. */
  private readonly unitEntry: Int32Array;
  /** Each entry's question phrasings (consecutive units). */
  private readonly questionUnits: { first: number; count: number }[];
  /** Each entry's units that are scored on demand rather than searched. */
  private readonly allQuestionsUnit: Int32Array;
  private readonly answerUnit: Int32Array;
  /** Scratch space for `rank`: the best question similarity per entry, and the entries touched. */
  private readonly bestQuestion: Float32Array;
  private readonly touched: Int32Array;
  private readonly vocabularies: EntryVocabulary[];
  private readonly coverage: Coverage;

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
    this.questionUnits = entries.map((e, i) => {
      const first = unitWords.length;
      for (const q of [e.title, ...e.alternates]) add(i, Unit.Question, q);
      add(i, Unit.AllQuestions, [e.title, ...e.alternates].join(' '));
      add(i, Unit.Answer, `${e.answer} ${e.answerEn ?? ''}`);
      return { first, count: e.alternates.length + 1 };
    });
    this.index = new TrigramIndex(unitWords, (unit) => unitKind[unit] === Unit.Question);
    this.allQuestionsUnit = new Int32Array(entries.length);
    this.answerUnit = new Int32Array(entries.length);
    unitKind.forEach((kind, unit) => {
      if (kind === Unit.AllQuestions) this.allQuestionsUnit[unitEntry[unit]] = unit;
      if (kind === Unit.Answer) this.answerUnit[unitEntry[unit]] = unit;
    });
    this.unitEntry = Int32Array.from(unitEntry);
    this.bestQuestion = new Float32Array(entries.length);
    // One spare slot: the branch-free visit writes one past the last entry it keeps.
    this.touched = new Int32Array(entries.length + 1);
    this.vocabularies = entries.map((e) => ({
      questions: new Set(terms.of([e.title, ...e.alternates].join(' '))),
      answer: new Set(terms.of(`${e.answer} ${e.answerEn ?? ''}`)),
    }));
    this.coverage = new Coverage(this.vocabularies);
  }

  /** The best entries for a question, most confident first (at most `SHORTLIST`). */
  rank(question: string): Candidate[] {
    const words = this.terms.ofQuestion(question).map((w) => this.coverage.correct(w));
    if (words.length === 0) return [];
    // Candidates: entries whose question phrasings share the most with the question (typed
    // arrays reused across questions). Then each candidate is scored in full: its best phrasing,
    // all phrasings together, and its answer.
    const { bestQuestion, touched, unitEntry } = this;
    let touchedCount = 0;
    this.index.search(
      expandWithSynonyms(words),
      (unit, score) => {
        // Branch-free, as in the index's search: ~10,000 calls per question on a large base.
        const e = unitEntry[unit];
        const best = bestQuestion[e];
        touched[touchedCount] = e;
        touchedCount += +(best === 0);
        bestQuestion[e] = Math.max(best, score);
      },
      POSTING_BUDGET,
    );
    const candidates = new TopK(CANDIDATES);
    for (let i = 0; i < touchedCount; i++) {
      const e = touched[i];
      candidates.offer(e, bestQuestion[e]);
      bestQuestion[e] = 0;
    }
    const top = new TopK(SHORTLIST);
    for (const { e } of candidates.items()) {
      const { first, count } = this.questionUnits[e];
      let best = 0;
      for (let u = first; u < first + count; u++) best = Math.max(best, this.index.similarity(u));
      const all = this.index.similarity(this.allQuestionsUnit[e]);
      const answer = this.index.similarity(this.answerUnit[e]);
      top.offer(e, WEIGHTS.best * best + WEIGHTS.all * all + WEIGHTS.answer * answer);
    }
    const unknown = this.coverage.unknownShare(words);
    const foreign = this.coverage.namesUnknownProduct(question, (w) => this.terms.knows(w)) ? 1 : 0;
    // Rerank the shortlist by how much of the question each entry accounts for: a similarity
    // earned on half of the question's words is worth half as much.
    const shortlist = top.items().map(({ e, score }) => {
      const coverage = this.coverage.of(words, this.vocabularies[e]);
      return { e, coverage, score: score * coverage };
    });
    shortlist.sort((a, b) => b.score - a.score);
    return shortlist
      .map(({ e, score, coverage }, i) => {
        const other = i === 0 ? (shortlist[1]?.score ?? 0) : shortlist[0].score;
        const features = { score, margin: score - other, coverage, unknown, foreign };
        return { entry: this.entries[e], ...features, confidence: round(confidenceOf(features, this.calibration)) };
      })
      .sort((a, b) => b.confidence - a.confidence);
  }

  answer(question: string, locale: Locale = 'pl'): AnswerResult {
    const ranked = this.rank(question);
    const [top, second] = ranked;
    const text = MESSAGES[locale];
    // A question naming someone else's product ("Canal+", "w Play") is never ours to answer,
    // however well its other words match.
    if (top?.foreign) return { answered: false, answer: text.notCovered, confidence: top.confidence, source: null, suggestions: [] };
    if (top && top.confidence >= this.rule.answerAt && top.score - (second?.score ?? 0) >= this.rule.margin) {
      return {
        answered: true,
        answer: locale === 'en' && top.entry.answerEn ? top.entry.answerEn : top.entry.answer,
        confidence: top.confidence,
        source: { articleId: top.entry.id, title: top.entry.title },
        suggestions: [],
      };
    }
    if (top && top.confidence >= this.rule.suggestAt) {
      const suggestions: Suggestion[] = ranked
        .filter((c) => c.confidence >= this.rule.suggestionFloor)
        .slice(0, 3)
        .map((c) => ({ question: c.entry.title, articleId: c.entry.id, confidence: c.confidence }));
      return { answered: false, answer: text.suggest, confidence: top.confidence, source: null, suggestions };
    }
    return { answered: false, answer: text.notCovered, confidence: top?.confidence ?? 0, source: null, suggestions: [] };
  }
}

/** The k best (entry, score) pairs seen, kept sorted by insertion: k is small. */
class TopK {
  private readonly list: { e: number; score: number }[] = [];
  constructor(private readonly k: number) {}

  offer(e: number, score: number): void {
    if (this.list.length === this.k && score <= this.list[this.k - 1].score) return;
    let i = this.list.length === this.k ? this.k - 1 : this.list.length;
    this.list[i] = { e, score };
    while (i > 0 && this.list[i - 1].score < score) {
      [this.list[i - 1], this.list[i]] = [this.list[i], this.list[i - 1]];
      i--;
    }
  }

  items(): { e: number; score: number }[] {
    return this.list;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
