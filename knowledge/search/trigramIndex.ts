/**
 * Character-trigram TF-IDF vectors, scored against one query at a time. Texts are already normalised
 * (folded content words); each word is padded with spaces so trigrams mark word starts and
 * ends. Trigrams tolerate inflection ("kanałów" ~ "kanały") and most typos without a stemmer.
 */
export interface WeightedWord {
  word: string;
  weight: number;
}

export function trigramsOf(word: string): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

/** 1 + log(tf) for counts of one and more; synonyms add fractional counts, kept linear and positive. */
function sublinear(count: number): number {
  return count >= 1 ? 1 + Math.log(count) : count;
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
  /**
   * Every unit's vector (see `similarity`): unit u's
   * terms are `vectorIds[vectorStart[u] .. vectorStart[u + 1])`. One flat array rather than an
   * array per unit: an entry's units are consecutive, so scoring a candidate reads one stretch
   * of memory instead of chasing a pointer per unit.
   */
  private readonly vectorStart: Int32Array;
  private readonly vectorIds: Int32Array;
  private readonly vectorWeights: Float32Array;
  /** The last query as a dense vector over terms, for `similarity`. */
  private readonly queryDense: Float32Array;
  private readonly queryIds: number[] = [];
  /** Scratch for `prepare`: the query's weights before normalising, in full precision. */
  private readonly queryWeights: number[] = [];

  constructor(unitWords: string[][]) {
    const unitCounts = unitWords.map((ws) => termCounts(ws.map((word) => ({ word, weight: 1 }))));
    const df: number[] = [];
    for (const counts of unitCounts) {
      for (const g of counts.keys()) {
        const id = this.termIds.get(g);
        if (id === undefined) {
          this.termIds.set(g, df.length);
          df.push(1);
        } else df[id]!++;
      }
    }
    const n = unitCounts.length;
    this.idf = Float64Array.from(df, (d) => Math.log((n + 1) / (d + 0.5)));
    this.unknownIdf = this.idf.reduce((m, v) => Math.max(m, v), 0);

    const vectors = unitCounts.map((counts) => this.weigh(counts));
    // Each unit's vector is one stretch of two flat arrays: vectorStart[unit] to vectorStart[unit + 1].
    this.vectorStart = new Int32Array(n + 1);
    const flat = vectors.flat();
    let start = 0;
    vectors.forEach((vector, unit) => (this.vectorStart[unit + 1] = start += vector.length));
    this.vectorIds = Int32Array.from(flat, ([id]) => id);
    this.vectorWeights = Float32Array.from(flat, ([, w]) => w);
    this.queryDense = new Float32Array(df.length);
  }

  /** Sublinear tf times idf, L2-normalised; terms unknown to the index are dropped. */
  private weigh(counts: Map<string, number>): [number, number][] {
    const vector: [number, number][] = [];
    let norm = 0;
    for (const [g, count] of counts) {
      const id = this.termIds.get(g);
      if (id === undefined) continue;
      const w = sublinear(count) * this.idf[id]!;
      vector.push([id, w]);
      norm += w * w;
    }
    // Unknown trigrams still count towards the query's length: a question about something the
    // knowledge base never mentions must not look like a perfect match on its one known word.
    for (const [g, count] of counts) {
      if (!this.termIds.has(g)) norm += (sublinear(count) * this.unknownIdf) ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    return vector.map(([id, w]) => [id, w / norm]);
  }

  /** Makes `query` the one `similarity` scores units against (weighed as `weigh` does, without building a vector). */
  prepare(query: WeightedWord[]): void {
    const { queryDense, queryIds, queryWeights, idf, termIds } = this;
    for (const id of queryIds) queryDense[id] = 0;
    queryIds.length = 0;
    queryWeights.length = 0;
    let norm = 0;
    for (const [g, count] of termCounts(query.filter((w) => w.weight > 0 && w.word.length > 0))) {
      const id = termIds.get(g);
      const w = sublinear(count) * (id === undefined ? this.unknownIdf : idf[id]!);
      norm += w * w;
      if (id === undefined) continue;
      queryIds.push(id);
      queryWeights.push(w);
    }
    norm = Math.sqrt(norm) || 1;
    queryIds.forEach((id, i) => (queryDense[id] = queryWeights[i]! / norm));
  }

  /** Cosine similarity of the prepared query with a unit. */
  similarity(unit: number): number {
    const { vectorIds, vectorWeights, queryDense } = this;
    let sum = 0;
    for (let i = this.vectorStart[unit]!, end = this.vectorStart[unit + 1]!; i < end; i++)
      sum += queryDense[vectorIds[i]!]! * vectorWeights[i]!;
    return sum;
  }
}
