/**
 * Turns raw retrieval signals into a confidence that means the same for every question: the
 * probability that the top entry is the right one, from a logistic model fitted on held-out
 * phrasings and out-of-scope questions (knowledge/cli/calibrate.ts writes calibration.json).
 */
export interface Features {
  /** Combined similarity of the question with the entry, 0..1. */
  score: number;
  /** Score minus the best other entry's score (negative for runners-up). */
  margin: number;
  /** Share of the question's content words that the entry contains (inflections and typos allowed). */
  coverage: number;
}

export interface Calibration {
  bias: number;
  score: number;
  margin: number;
  coverage: number;
}

export function featureVector(f: Features): number[] {
  return [1, f.score, f.margin, f.coverage];
}

export function confidenceOf(f: Features, c: Calibration): number {
  const z = c.bias + c.score * f.score + c.margin * f.margin + c.coverage * f.coverage;
  return 1 / (1 + Math.exp(-z));
}

/** Plain batch gradient descent on the log loss: a few hundred examples, four weights. */
export function fitCalibration(examples: { features: Features; correct: boolean }[], iterations = 20000, rate = 0.5): Calibration {
  const w = [0, 0, 0, 0];
  for (let it = 0; it < iterations; it++) {
    const grad = [0, 0, 0, 0];
    for (const { features, correct } of examples) {
      const x = featureVector(features);
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i], 0)));
      const err = p - (correct ? 1 : 0);
      for (let i = 0; i < 4; i++) grad[i] += err * x[i];
    }
    for (let i = 0; i < 4; i++) w[i] -= (rate * grad[i]) / examples.length;
  }
  return { bias: w[0], score: w[1], margin: w[2], coverage: w[3] };
}
