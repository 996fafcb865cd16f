/**
 * Turns raw retrieval signals into a confidence that means the same for every question: the
 * probability that the top entry is the right one, from a logistic model fitted on questions
 * typed the way customers type and on out-of-scope ones (search/calibration-questions.yaml;
 * knowledge/cli/calibrate.ts writes calibration.json).
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
}

export interface Calibration {
  bias: number;
  score: number;
  margin: number;
  lead: number;
  coverage: number;
  unknown: number;
  foreign: number;
}

const NAMES = ['bias', 'score', 'margin', 'lead', 'coverage', 'unknown', 'foreign'] as const;

export function featureVector(f: Features): number[] {
  return [1, f.score, f.margin, f.lead, f.coverage, f.unknown, f.foreign];
}

export function confidenceOf(f: Features, c: Calibration): number {
  return sigmoid(
    dot(
      NAMES.map((name) => c[name]),
      featureVector(f),
    ),
  );
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The dot product of two vectors of the same length. */
function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0);
}

/** Plain batch gradient descent on the log loss: a few hundred examples, five weights. */
export function fitCalibration(examples: { features: Features; correct: boolean }[], iterations = 20000, rate = 0.5): Calibration {
  const w = NAMES.map(() => 0);
  for (let it = 0; it < iterations; it++) {
    const grad = NAMES.map(() => 0);
    for (const { features, correct } of examples) {
      const x = featureVector(features);
      const err = sigmoid(dot(x, w)) - (correct ? 1 : 0);
      x.forEach((v, i) => (grad[i] = (grad[i] ?? 0) + err * v));
    }
    w.forEach((wi, i) => (w[i] = wi - (rate * (grad[i] ?? 0)) / examples.length));
  }
  return Object.fromEntries(NAMES.map((name, i) => [name, w[i] ?? 0])) as unknown as Calibration;
}
