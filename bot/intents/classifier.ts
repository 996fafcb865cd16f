import { fold } from '../../common/text';
import { INTENTS, type Intent } from './intents';
import { Spelling } from './spelling';
import { writtenOut } from './shorthand';
import { LruCache } from '../../common/lruCache';

/** One phrasing and what the person wanted. */
export interface IntentExample {
  text: string;
  intent: Intent;
}

export interface IntentScore {
  intent: Intent;
  p: number;
}

export interface IntentScores {
  top: IntentScore;
  second: IntentScore;
  /** Every intent with its probability, most likely first. */
  ranked: IntentScore[];
}

/** A ticket id as customers write it: SR-2026-000123, SR2026000123, 2026-000123, or a short SR-3021. */
const TICKET_ID = /\b(?:sr[\s-]*)?\d{4}-?\d{6}\b|\bsr[\s-]*\d{2,}\b/g;

/** The folded words of a message, a ticket id standing as the word "srid", chat shorthand written out. */
export function wordsOf(text: string): string[] {
  return writtenOut(
    fold(text)
      .replace(TICKET_ID, ' srid ')
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
}

/**
 * The features of a message: folded words cut to five letters (Polish has no stemmer here and
 * the first letters join most inflected forms), pairs of neighbouring words (negation and
 * "do zgłoszenia" carry the meaning), letter 4-grams (typos still share most of them), and a
 * few shape marks: a ticket id, a question mark, a very short message. `typed` are the words as
 * written when `words` are their corrections: their letter 4-grams count too.
 */
export function featuresOf(text: string, words: readonly string[] = wordsOf(text), typed: readonly string[] = []): string[] {
  const stems = words.map((w) => w.slice(0, 5));
  const features = new Set<string>();
  for (const s of stems) features.add(`w:${s}`);
  for (let i = 1; i < stems.length; i++) features.add(`b:${stems[i - 1]}_${stems[i]}`);
  for (const w of [...words, ...typed]) {
    const padded = `<${w}>`;
    for (let i = 0; i + 4 <= padded.length; i++) features.add(`c:${padded.slice(i, i + 4)}`);
  }
  if (text.includes('?')) features.add('s:?');
  features.add(words.length <= 2 ? 's:short' : words.length <= 6 ? 's:medium' : 's:long');
  if (stems.length > 0) features.add(`first:${stems[0]}`);
  return [...features];
}

/** Messages whose scores are kept (the buttons' titles and common questions come back all day). */
const CLASSIFIED_KEPT = 2_000;
/** Longer messages are scored afresh: the cache stays small whatever is sent. */
const LONGEST_KEPT = 300;

/**
 * A multinomial logistic regression over `featuresOf`, trained at start-up on our own phrasings
 * (a few hundred, well under a second). Deterministic: fixed example order, no random start.
 */
export class IntentClassifier {
  private readonly index = new Map<string, number>();
  private readonly weights: Float64Array[];
  private readonly bias = new Float64Array(INTENTS.length);
  private readonly spelling: Spelling;
  private readonly classified = new LruCache<string, IntentScores>(CLASSIFIED_KEPT);

  constructor(examples: readonly IntentExample[], options: { epochs?: number; rate?: number; l2?: number } = {}) {
    const { epochs = 20, rate = 0.2, l2 = 3e-3 } = options;
    this.spelling = new Spelling(examples.flatMap((e) => wordsOf(e.text)));
    const encoded = examples.map((e) => ({ features: this.encode(e.text, true), label: INTENTS.indexOf(e.intent) }));
    this.weights = INTENTS.map(() => new Float64Array(this.index.size));
    // Each intent weighs the same in total, however many phrasings it has.
    const counts = INTENTS.map((_, k) => encoded.filter((e) => e.label === k).length);
    const classWeight = counts.map((n) => (n === 0 ? 0 : examples.length / (INTENTS.length * n)));
    for (let epoch = 0; epoch < epochs; epoch++) {
      const step = rate / (1 + epoch * 0.1);
      for (const { features, label } of encoded) {
        const p = this.probabilities(features);
        const weight = classWeight[label]!;
        this.weights.forEach((w, k) => {
          const gradient = ((k === label ? 1 : 0) - p[k]!) * weight;
          for (const f of features) w[f] = w[f]! + step * (gradient - l2 * w[f]!);
          this.bias[k] = this.bias[k]! + step * gradient;
        });
      }
    }
  }

  /** The intents' probabilities for a message; the classifier never changes, so a repeated message's are kept. */
  classify(text: string): IntentScores {
    if (text.length > LONGEST_KEPT) return this.scores(text);
    return this.classified.through(text, () => this.scores(text));
  }

  private scores(text: string): IntentScores {
    const p = this.probabilities(this.encode(text, false));
    const ranked = INTENTS.map((intent, k) => ({ intent, p: p[k]! })).sort((a, b) => b.p - a.p);
    // There are ten intents, so both exist.
    return { top: ranked[0]!, second: ranked[1]!, ranked };
  }

  private encode(text: string, grow: boolean): number[] {
    const out: number[] = [];
    const words = wordsOf(text);
    const corrected = grow ? words : this.spelling.correct(words);
    const typed = words.filter((w, i) => w !== corrected[i]);
    for (const feature of featuresOf(text, corrected, typed)) {
      let i = this.index.get(feature);
      if (i === undefined && grow) this.index.set(feature, (i = this.index.size));
      if (i !== undefined) out.push(i);
    }
    return out;
  }

  private probabilities(features: number[]): Float64Array {
    const z = Float64Array.from(this.weights, (w, k) => features.reduce((sum, f) => sum + w[f]!, this.bias[k]!));
    const max = Math.max(...z);
    const exp = z.map((x) => Math.exp(x - max));
    const total = exp.reduce((a, b) => a + b, 0);
    return exp.map((x) => x / total);
  }
}
