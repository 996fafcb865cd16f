import { fold } from '../../../common/text';
import type { Category, Grade } from '../types';
import { impactOf, type ImpactSignals } from './impactSignals';
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

/** What in the description decided the grade, for the chat to say why (docs/sla.md, "Suggested grade"). */
export const IMPACT_REASONS = ['breach', 'outage', 'stopped', 'money', 'question', 'deadline', 'looks', 'minor', 'limited'] as const;
export type ImpactReason = (typeof IMPACT_REASONS)[number];

export interface GradeSuggestion {
  grade: Grade;
  /** How sure the suggester is, 0..1. */
  confidence: number;
  /** The impact that decided it; none when the classifier did. */
  reason?: ImpactReason;
}

/**
 * Suggests a ticket grade from the customer's description: by the impact its words describe
 * (docs/sla.md, "Suggested grade": who is affected, down or limited, a question, minor), and,
 * when they describe none, by a naive Bayes classifier trained at start-up on seed 002's severity
 * descriptions and examples and our own phrasings.
 */
export class GradeSuggester {
  private readonly classifier = new BayesClassifier(stemmer);

  constructor(examples: { grade: Grade; text: string }[] = training.examples as { grade: Grade; text: string }[]) {
    for (const e of examples) this.classifier.addDocument(e.text, e.grade);
    this.classifier.train();
  }

  /** `category`, when the administrator chose it, tells a billing complaint from a technical one. */
  suggest(description: string, category?: Category): GradeSuggestion {
    const byImpact = gradeByImpact(impactOf(description, category));
    if (byImpact) return { ...byImpact, confidence: 0.8 };
    const ranked = this.classifier.getClassifications(description) as { label: Grade; value: number }[];
    const total = ranked.reduce((sum, c) => sum + c.value, 0);
    const best = ranked[0];
    // No word the classifier has seen: the middle grade is the honest default.
    const known = stemmer.tokenizeAndStem(description).filter((w) => this.classifier.features[w]);
    if (!best || total === 0 || known.length === 0) return { grade: 'B', confidence: 0 };
    return { grade: best.label, confidence: best.value / total };
  }
}

/** The grade the impact described asks for, by the seed's definitions, and why; null when the words name no impact. */
function gradeByImpact(s: ImpactSignals): { grade: Grade; reason: ImpactReason } | null {
  // A: a service down for many (unless they get by another way), business stopped, an account or files taken.
  if (s.breach) return { grade: 'A', reason: 'breach' };
  if (s.down && s.many && !s.workaround) return { grade: 'A', reason: 'outage' };
  if ((s.down || s.degraded) && s.stopped && !s.workaround && (s.many || s.several || !s.one)) return { grade: 'A', reason: 'stopped' };
  // A team or the one person who does it kept from something due within hours or days.
  if (s.down && s.deadlineSoon && (s.several || s.keyPerson) && !s.workaround) return { grade: 'A', reason: 'stopped' };
  // Money gone wrong is never a question of how-to: it costs the customer until it is put right.
  if (s.money) return { grade: 'B', reason: 'money' };
  // C: asking how to do something, or a question with nothing broken (B when it must be settled
  // within days), a cosmetic matter, or what the writer calls minor, unless someone is kept out
  // or a team has lost what it works with.
  const asks = (s.howTo && !(s.down && s.many) && !s.stopped) || (s.question && !s.down && !s.degraded && !s.stopped);
  if (asks) return s.pressing && !s.minor ? { grade: 'B', reason: 'deadline' } : { grade: 'C', reason: 'question' };
  if (s.cosmetic && !s.stopped && !s.blocked) return { grade: 'C', reason: 'looks' };
  // One person with an acceptable way round it (seed 002's C).
  if (s.one && s.workaround && !s.many) return { grade: 'C', reason: 'minor' };
  if (s.minor && !(s.down && (s.many || s.blocked || s.several))) return { grade: 'C', reason: 'minor' };
  // B: broken or limited for one person or part of the service, or for many who get by meanwhile.
  if (s.down || s.degraded) return { grade: 'B', reason: 'limited' };
  if (s.pressing) return { grade: 'B', reason: 'deadline' };
  return null;
}
