import { fold } from '../../../common/text';
import type { Grade } from '../types';
import training from './severity-training.json';

// Deep imports: the natural package's index loads every module (slow, and prints lines).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped deep module, see above
const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped deep module, see above
const AggressiveTokenizerPl = require('natural/lib/natural/tokenizers/aggressive_tokenizer_pl');

const tokenizer = new AggressiveTokenizerPl();

/**
 * natural has no Polish stemmer: folding diacritics and keeping a word's first five letters
 * joins most inflected forms ("wysyłaniem", "wysyłać" -> "wysyl") and works for English too.
 */
const stemmer = {
  tokenizeAndStem(text: string): string[] {
    return (tokenizer.tokenize(fold(text)) as string[]).filter((w) => w.length > 2).map((w) => w.slice(0, 5));
  },
};

export interface GradeSuggestion {
  grade: Grade;
  /** How sure the classifier is, 0..1. */
  confidence: number;
}

/**
 * Suggests a ticket grade from the customer's description with a naive Bayes classifier trained
 * at start-up on seed 002's severity descriptions and examples and our own phrasings.
 */
export class GradeSuggester {
  private readonly classifier = new BayesClassifier(stemmer);

  constructor(examples: { grade: Grade; text: string }[] = training.examples as { grade: Grade; text: string }[]) {
    for (const e of examples) this.classifier.addDocument(e.text, e.grade);
    this.classifier.train();
  }

  suggest(description: string): GradeSuggestion {
    const ranked = this.classifier.getClassifications(description) as { label: Grade; value: number }[];
    const total = ranked.reduce((sum, c) => sum + c.value, 0);
    const best = ranked[0];
    // No word the classifier has seen: the middle grade is the honest default.
    const known = stemmer.tokenizeAndStem(description).filter((w) => this.classifier.features[w]);
    if (!best || total === 0 || known.length === 0) return { grade: 'B', confidence: 0 };
    return { grade: best.label, confidence: best.value / total };
  }
}
