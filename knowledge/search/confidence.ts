/**
 * Turns raw retrieval signals into a confidence that means the same for every question: the
 * probability that the top entry is the right one, from a logistic model fitted on questions
 * written without the articles in view (knowledge/cli/calibrate.ts writes calibration.json).
 */
export interface Features {
  /** Combined similarity of the question with the entry, 0..1. */
  score: number;
  /** Score minus the best other entry's score (negative for runners-up). */
  margin: number;
  /** The margin as a share of the score: how clearly the entry wins, whatever the scale. */
  lead: number;
  /** Share of the question's content words that the entry contains (inflections and typos allowed). */
  coverage: number;
  /** Share of the question (idf-weighted) made of words the knowledge base never uses. */
  unknown: number;
  /** 1 when the question names a product the knowledge base never mentions ("Canal+"), else 0. */
  foreign: number;
  /**
   * Share of the question's known words (those the knowledge base uses somewhere) that the entry
   * contains: chatty context the base knows nothing about does not count against it.
   */
  knownCoverage: number;
  /** Share of the question's words found in the entry's best-matching fact (one sentence or step). */
  factCoverage: number;
  /** The entry's coverage minus the best other entry's: does it account for words the others miss? */
  coverageLead: number;
  /**
   * 1 when the entry's phrasings ask the same kind of question (how many, when, who, where, how,
   * yes or no), 0 when they never do, 0.5 when the question has no question word or one fact of
   * the entry holds nearly all its words (see FACT_TELLS in engine.ts).
   */
  askAgrees: number;
  /**
   * Share of the words of the message's question (the sentence that asks, without the context
   * told before it) that the entry contains: in "jadę w delegację do Egiptu. Czy tam skorzystam z
   * minut Skype?" the trip is context, the minutes are what is asked.
   */
  focusCoverage: number;
  /** How long the message is (log of its terms): a long chatty message scores lower for the same fit. */
  length: number;
}

export const FEATURE_NAMES = [
  'score',
  'margin',
  'lead',
  'coverage',
  'unknown',
  'foreign',
  'knownCoverage',
  'factCoverage',
  'coverageLead',
  'askAgrees',
  'focusCoverage',
  'length',
] as const satisfies readonly (keyof Features)[];

/** A weight per feature and a bias; a feature the file does not name weighs nothing. */
export type Calibration = { bias: number } & Partial<Record<keyof Features, number>> & {
    /** The confidence the engine answers at, picked with the weights (knowledge/cli/calibrate.ts). */
    answerAt?: number;
  };

/**
 * The model's inputs: score and margin by their square roots, since a step from 0.01 to 0.1 says
 * far more than one from 0.5 to 0.6 (the fit on the blind sets answers more at the same
 * off-topic rate that way).
 */
export function featureVector(f: Features): number[] {
  return [1, ...FEATURE_NAMES.map((name) => (name === 'score' || name === 'margin' ? Math.sqrt(Math.max(0, f[name])) : f[name]))];
}

function weightsOf(c: Calibration): number[] {
  return [c.bias, ...FEATURE_NAMES.map((name) => c[name] ?? 0)];
}

export function confidenceOf(f: Features, c: Calibration): number {
  return sigmoid(dot(weightsOf(c), featureVector(f)));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The dot product of two vectors of the same length. */
function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0);
}

export interface Example {
  features: Features;
  correct: boolean;
  /** How much the example counts (off-topic questions are fewer and weigh more). */
  weight?: number;
}

/**
 * Batch gradient descent on the weighted log loss with a small L2 penalty (not on the bias): a
 * few hundred examples and eleven weights, where the penalty keeps correlated features (score,
 * margin, coverage) from trading huge opposite weights.
 */
export function fitCalibration(examples: Example[], { iterations = 6000, rate = 0.5, l2 = 1e-3 } = {}): Calibration {
  const xs = examples.map((e) => featureVector(e.features));
  const ys = examples.map((e) => (e.correct ? 1 : 0));
  const ws = examples.map((e) => e.weight ?? 1);
  const total = ws.reduce((a, b) => a + b, 0);
  const w = new Array<number>(FEATURE_NAMES.length + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wi, i) => (i === 0 ? 0 : l2 * wi * total));
    xs.forEach((x, n) => {
      const err = (sigmoid(dot(x, w)) - ys[n]!) * ws[n]!;
      x.forEach((v, i) => (grad[i] = grad[i]! + err * v));
    });
    w.forEach((wi, i) => (w[i] = wi - (rate * grad[i]!) / total));
  }
  return { bias: w[0]!, ...Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, w[i + 1]!])) };
}
