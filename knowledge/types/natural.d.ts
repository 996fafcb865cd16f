// Type declarations for the deep natural modules the knowledge base imports (natural's own
// typings only describe the package root, which loads 90 MB and prints to stdout).
declare module 'natural/lib/natural/normalizers/remove_diacritics' {
  const removeDiacritics: (text: string) => string;
  export default removeDiacritics;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_pl' {
  export default class AggressiveTokenizerPl {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/util/stopwords_pl' {
  export const words: string[];
}
declare module 'natural/lib/natural/distance/jaro-winkler_distance' {
  const jaroWinkler: (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
  export default jaroWinkler;
}
declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export function DamerauLevenshteinDistance(a: string, b: string, options?: { restricted?: boolean }): number;
}
declare module 'natural/lib/natural/tfidf/tfidf' {
  export default class TfIdf {
    addDocument(document: string, key?: string): void;
    tfidfs(terms: string, callback?: (index: number, measure: number, key?: string) => void): number[];
  }
}
