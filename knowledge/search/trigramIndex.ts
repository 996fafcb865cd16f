/**
 * Character-trigram TF-IDF vectors with an inverted index. Texts are already normalised
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
  /** Postings per term: the searchable units holding it and their normalised weights. */
  private readonly postingUnits: Int32Array[];
  private readonly postingWeights: Float32Array[];
  /**
   * Every unit's vector, for scoring units that are not searched (see `similarity`): unit u's
   * terms are `vectorIds[vectorStart[u] .. vectorStart[u + 1])`. One flat array rather than an
   * array per unit: an entry's units are consecutive, so rescoring a candidate reads one stretch
   * of memory instead of chasing a pointer per unit.
   */
  private readonly vectorStart: Int32Array;
  private readonly vectorIds: Int32Array;
  private readonly vectorWeights: Float32Array;
  /** The last query as a dense vector over terms, for `similarity`. */
  private readonly queryDense: Float32Array;
  private queryIds: number[] = [];
  private readonly scores: Float32Array;
  private readonly touched: Int32Array;

  /**
   * `searchable(unit)` says which units the inverted index finds; the others (long answer texts,
   * whose postings would dominate query time) are only scored on demand with `similarity`.
   */
  constructor(unitWords: string[][], searchable: (unit: number) => boolean = () => true) {
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

    const postings = df.map(() => ({ units: [] as number[], weights: [] as number[] }));
    const vectors = unitCounts.map((counts, unit) => {
      const vector = this.weigh(counts);
      if (searchable(unit)) {
        for (const [id, w] of vector) {
          postings[id]!.units.push(unit);
          postings[id]!.weights.push(w);
        }
      }
      return vector;
    });
    // Each unit's vector is one stretch of two flat arrays: vectorStart[unit] to vectorStart[unit + 1].
    this.vectorStart = new Int32Array(n + 1);
    const flat = vectors.flat();
    let start = 0;
    vectors.forEach((vector, unit) => (this.vectorStart[unit + 1] = start += vector.length));
    this.vectorIds = Int32Array.from(flat, ([id]) => id);
    this.vectorWeights = Float32Array.from(flat, ([, w]) => w);
    this.postingUnits = postings.map((p) => Int32Array.from(p.units));
    this.postingWeights = postings.map((p) => Float32Array.from(p.weights));
    this.queryDense = new Float32Array(df.length);
    this.scores = new Float32Array(n);
    // One spare slot: the branch-free search writes one past the last unit it keeps.
    this.touched = new Int32Array(n + 1);
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

  /**
   * Calls `visit` once for every searchable unit sharing a trigram with the query (in no
   * particular order), with its similarity, and no allocation per unit.
   * With a `postingBudget`, the rarest trigrams are looked up first and the commonest ones skipped
   * once that many postings were read: the similarities are then a lower bound, good enough to
   * pick candidates on a large base, and bounding the time an answer takes.
   */
  search(query: WeightedWord[], visit: (unit: number, score: number) => void, postingBudget = Infinity): void {
    const vector = this.weigh(termCounts(query.filter((w) => w.weight > 0 && w.word.length > 0)));
    for (const id of this.queryIds) this.queryDense[id] = 0;
    for (const [id, qw] of vector) this.queryDense[id] = qw;
    this.queryIds = vector.map(([id]) => id);
    // Typed-array reads (`!`) are at term ids and units the constructor sized the arrays for.
    const postingsOf = (id: number) => ({ units: this.postingUnits[id]!, weights: this.postingWeights[id]! });
    const lists = vector.map(([id, qw]) => ({ qw, ...postingsOf(id) }));
    if (postingBudget !== Infinity) lists.sort((a, b) => a.units.length - b.units.length);
    const { scores, touched } = this;
    let read = 0;
    let touchedCount = 0;
    for (const { qw, units, weights } of lists) {
      if (read > 0 && read + units.length > postingBudget) break;
      read += units.length;
      for (let i = 0; i < units.length; i++) {
        const u = units[i]!;
        const score = scores[u]!;
        // Branch-free: whether a unit is new is unpredictable, and a mispredicted branch per
        // posting cost a quarter of the search. The slot is overwritten unless the unit is new.
        touched[touchedCount] = u;
        touchedCount += +(score === 0);
        scores[u] = score + qw * weights[i]!;
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const u = touched[i]!;
      visit(u, scores[u]!);
      scores[u] = 0;
    }
  }

  /** Cosine similarity of the last searched query with any unit, searchable or not. */
  similarity(unit: number): number {
    const { vectorIds, vectorWeights, queryDense } = this;
    let sum = 0;
    for (let i = this.vectorStart[unit]!, end = this.vectorStart[unit + 1]!; i < end; i++)
      sum += queryDense[vectorIds[i]!]! * vectorWeights[i]!;
    return sum;
  }
}
