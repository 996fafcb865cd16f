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
