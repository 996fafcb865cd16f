import TfIdf from 'natural/lib/natural/tfidf/tfidf';
import { contentWords } from '../normalize';
import type { KbEntry } from '../types';

/**
 * Baselines for `npm run eval:faq`: each returns the top entry for a question, or null when no
 * entry shares a term with it (they have no calibrated abstain rule of their own).
 */
export type Retriever = (question: string) => KbEntry | null;

function documentOf(e: KbEntry): string {
  return [e.title, ...e.alternates, e.answer].join('\n');
}

/** natural's TfIdf with its defaults (its own English tokenizer and stop words, raw text). */
export function naturalTfIdfBaseline(entries: readonly KbEntry[]): Retriever {
  const tfidf = new TfIdf();
  for (const e of entries) tfidf.addDocument(documentOf(e));
  return (question) => {
    let best: KbEntry | null = null;
    let bestScore = 0;
    tfidf.tfidfs(question).forEach((score, i) => {
      if (score > bestScore) {
        bestScore = score;
        best = entries[i] ?? null;
      }
    });
    return best;
  };
}

/** Okapi BM25 (k1 = 1.2, b = 0.75) over folded content words of the same entries. */
export function bm25Baseline(entries: readonly KbEntry[], k1 = 1.2, b = 0.75): Retriever {
  const docs = entries.map((e) => {
    const tf = new Map<string, number>();
    const ws = contentWords(documentOf(e));
    for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { tf, length: ws.length };
  });
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string): number => {
    const n = df.get(w) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };
  return (question) => {
    const terms = contentWords(question);
    let best: KbEntry | null = null;
    let bestScore = 0;
    docs.forEach((d, i) => {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (f) score += (idf(t) * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.length) / avgLength));
      }
      if (score > bestScore) {
        bestScore = score;
        best = entries[i] ?? null;
      }
    });
    return best;
  };
}
