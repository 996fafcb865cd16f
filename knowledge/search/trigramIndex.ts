/**
 * Character-trigram TF-IDF vectors with an inverted index. Texts are already normalised
 * (folded content words); each word is padded with spaces so trigrams mark word starts and
 * ends. Trigrams tolerate inflection ("kanałów" ~ "kanały") and most typos without a stemmer.
 */
export interface WeightedWord {
  word: string;
  weight: number;
}

export interface UnitScore {
  unit: number;
  score: number;
}

export function trigramsOf(word: string): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

function termCounts(words: WeightedWord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { word, weight } of words) {
    for (const g of trigramsOf(word)) counts.set(g, (counts.get(g) ?? 0) + weight);
  }
  return counts;
}

export class TrigramIndex {
  private readonly termIds = new Map<string, number>();
  private readonly idf: Float64Array;
  /** The weight an unknown trigram gets in a query: that of the rarest known one. */
  private readonly unknownIdf: number;
  /** Postings per term: the units holding it and their normalised weights. */
  private readonly postingUnits: Int32Array[];
  private readonly postingWeights: Float32Array[];
  private readonly scores: Float32Array;
  private readonly touched: Int32Array;

  constructor(unitWords: string[][]) {
    const unitCounts = unitWords.map((ws) => termCounts(ws.map((word) => ({ word, weight: 1 }))));
    const df: number[] = [];
    for (const counts of unitCounts) {
      for (const g of counts.keys()) {
        let id = this.termIds.get(g);
        if (id === undefined) {
          id = df.length;
          this.termIds.set(g, id);
          df.push(0);
        }
        df[id]++;
      }
    }
    const n = unitCounts.length;
    this.idf = Float64Array.from(df, (d) => Math.log((n + 1) / (d + 0.5)));
    this.unknownIdf = this.idf.reduce((m, v) => Math.max(m, v), 0);

    const units: number[][] = df.map(() => []);
    const weights: number[][] = df.map(() => []);
    unitCounts.forEach((counts, unit) => {
      const vector = this.weigh(counts);
      for (const [id, w] of vector) {
        units[id].push(unit);
        weights[id].push(w);
      }
    });
    this.postingUnits = units.map((u) => Int32Array.from(u));
    this.postingWeights = weights.map((w) => Float32Array.from(w));
    this.scores = new Float32Array(n);
    this.touched = new Int32Array(n);
  }

  /** Sublinear tf times idf, L2-normalised; terms unknown to the index are dropped. */
  private weigh(counts: Map<string, number>): [number, number][] {
    const vector: [number, number][] = [];
    let norm = 0;
    for (const [g, count] of counts) {
      const id = this.termIds.get(g);
      if (id === undefined) continue;
      const w = (1 + Math.log(count)) * this.idf[id];
      vector.push([id, w]);
      norm += w * w;
    }
    // Unknown trigrams still count towards the query's length: a question about something the
    // knowledge base never mentions must not look like a perfect match on its one known word.
    for (const [g, count] of counts) {
      if (!this.termIds.has(g)) norm += ((1 + Math.log(count)) * this.unknownIdf) ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    return vector.map(([id, w]) => [id, w / norm]);
  }

  /** Cosine similarity of the query with every unit sharing a trigram with it (unsorted). */
  search(query: WeightedWord[]): UnitScore[] {
    const vector = this.weigh(termCounts(query.filter((w) => w.weight > 0 && w.word.length > 0)));
    let touchedCount = 0;
    for (const [id, qw] of vector) {
      const units = this.postingUnits[id];
      const weights = this.postingWeights[id];
      for (let i = 0; i < units.length; i++) {
        const u = units[i];
        if (this.scores[u] === 0) this.touched[touchedCount++] = u;
        this.scores[u] += qw * weights[i];
      }
    }
    const results: UnitScore[] = new Array(touchedCount);
    for (let i = 0; i < touchedCount; i++) {
      const u = this.touched[i];
      results[i] = { unit: u, score: this.scores[u] };
      this.scores[u] = 0;
    }
    return results;
  }
}
