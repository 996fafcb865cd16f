import { readFileSync } from 'fs';
import { join } from 'path';

/** The generated lemma table (npm run kb:lemmas): "lemma form form ..." per line, folded. */
export const LEMMAS_FILE = join(__dirname, 'lemmas.txt');

/** Form -> lemma for the Polish words of the knowledge base; read once per process. */
export function loadLemmas(file: string = LEMMAS_FILE): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [lemma = '', ...forms] = line.split(' ');
    for (const form of forms) table.set(form, lemma);
  }
  return table;
}

/**
 * Dictionary words one edit from a form of the lemma table (npm run kb:lemmas): Polish words the
 * knowledge base does not use, which typo correction must leave alone.
 */
export const OTHER_WORDS_FILE = join(__dirname, 'otherWords.txt');

let others: Set<string> | undefined;
/** The committed list of other words, read once per process. */
export function otherWords(): Set<string> {
  others ??= new Set(
    readFileSync(OTHER_WORDS_FILE, 'utf8')
      .split('\n')
      .filter((w) => w && !w.startsWith('#')),
  );
  return others;
}
