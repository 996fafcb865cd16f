/**
 * npm run kb:lemmas — writes knowledge/morphology/lemmas.txt, the Polish lemma table the search
 * engine uses to make inflected forms meet ("kanałów", "kanale" -> "kanał").
 * From the Polish Hunspell dictionary (npm `dictionary-pl`), it keeps every dictionary word that
 * has a form used in the articles, the glossary or the names list, and lists all its forms.
 * Run after editing the articles; the table is committed so that nothing is derived at run time.
 * With --check it writes nothing and fails when the committed files differ from what it would write
 * (CI runs it, so an article edit without a fresh table cannot land).
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { loadArticles } from '../loader';
import { fold } from '../../common/text';
import { words } from '../normalize';
import { formsOf, parseAffixes, parseDictionaryLine } from '../morphology/hunspell';
import { LEMMAS_FILE, OTHER_WORDS_FILE } from '../morphology/lemmas';
import { glossaryWords } from '../search/glossary';
import { vocabularyWords } from '../search/vocabulary';
import { deletions, MIN_LENGTH as MIN_CORRECTED, oneEditApart } from '../search/spelling';

const check = process.argv.includes('--check');
const stale: string[] = [];
/** Writes a generated file, or with --check notes it when the committed one differs. */
const emit = (file: string, text: string): void => {
  if (!check) writeFileSync(file, text);
  else if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(file);
};

const DICTIONARY = join(__dirname, '../../node_modules/dictionary-pl');
const affixes = parseAffixes(readFileSync(join(DICTIONARY, 'index.aff'), 'utf8'));
const lines = readFileSync(join(DICTIONARY, 'index.dic'), 'utf8').split('\n');

const vocabulary = new Set<string>([...glossaryWords(), ...vocabularyWords()]);
for (const e of loadArticles())
  for (const text of [e.title, ...e.alternates, e.answer, ...(e.excludes ?? [])]) for (const w of words(text)) vocabulary.add(w);

// Pass 1: dictionary words with a form in our vocabulary, how many of its words each covers, and
// whether only proper names spell it ("Komorek", a surname).
const chosen = new Map<string, { forms: Set<string>; covered: number; name: boolean }>();
for (const line of lines) {
  const parsed = parseDictionaryLine(line);
  if (!parsed) continue;
  const forms = new Set(formsOf(parsed.word, parsed.flags, affixes).map(fold));
  let covered = 0;
  for (const f of forms) if (vocabulary.has(f)) covered++;
  if (covered === 0) continue;
  const lemma = fold(parsed.word);
  const name = parsed.word !== parsed.word.toLowerCase();
  const previous = chosen.get(lemma);
  if (previous) {
    for (const f of forms) previous.forms.add(f);
    previous.covered += covered;
    previous.name &&= name;
  } else chosen.set(lemma, { forms, covered, name });
}

// Pass 2: a form of several lemmas goes to a common word rather than a proper name ("komórki" of
// "komórka", not of the surname "Komorek"; "ręki" of "ręka", not "Rek"), then to the one that
// covers more of our vocabulary ("mam": "mieć" rather than "mama").
const rank = (lemma: string, form: string): number[] => {
  const { name, covered } = chosen.get(lemma)!;
  return [name ? 0 : 1, covered, form === lemma ? 1 : 0];
};
const outranks = (a: number[], b: number[]): boolean => {
  const i = a.findIndex((x, k) => x !== b[k]);
  return i >= 0 && a[i]! > b[i]!;
};
const lemmaOf = new Map<string, string>();
for (const [lemma, { forms }] of chosen) {
  for (const f of forms) {
    const other = lemmaOf.get(f);
    if (other === undefined || outranks(rank(lemma, f), rank(other, f))) lemmaOf.set(f, lemma);
  }
}
// The dictionary lists the present tense of "mieć" as words of their own ("mam", "masz"), so
// "mamy" went to "mama": in "Mamy w firmie M365" it is the verb, never the noun.
if (chosen.has('miec')) lemmaOf.set('mamy', 'miec');
// Folded, "działa" (it works) is also a past form of "dziać się", which covers more of our words:
// "poczta nie działa" then never met "działają", "niedziałających" (of "działać").
if (chosen.has('dzialac')) lemmaOf.set('dziala', 'dzialac');
// Folded, a form of a rarer word or of a surname ("Tyl", "Pot", "Il") counts towards a common
// word: "tyle" went to "tył", "potem" to "pot", "ile" and "ilu" to "ił", "trybie" to "tryba"
// (the dictionary lists no "trybie" of "tryb"). "mając" and "ilu" are words of their own in the
// dictionary, which no rule links to "mieć" and "ile".
const LINKED: Record<string, string> = { tyle: 'tyle', potem: 'potem', ile: 'ile', ilu: 'ile', trybie: 'tryb', majac: 'miec' };
for (const [form, lemma] of Object.entries(LINKED)) if (form === lemma || chosen.has(lemma)) lemmaOf.set(form, lemma);
const byLemma = new Map<string, string[]>();
for (const [form, lemma] of lemmaOf) if (form !== lemma) byLemma.set(lemma, [...(byLemma.get(lemma) ?? []), form]);
const out = [...byLemma].sort(([a], [b]) => a.localeCompare(b)).map(([lemma, forms]) => [lemma, ...forms.sort()].join(' '));
emit(
  LEMMAS_FILE,
  `# Generated by npm run kb:lemmas from dictionary-pl (Hunspell); each line: lemma, then its other forms (folded).\n${out.join('\n')}\n`,
);

// Pass 3: the other dictionary words one edit from a word of ours ("wyłączyć" beside "włączyć",
// "otrzymać" beside "utrzymać"): real words, so typo correction must leave them as typed.
const targets = new Map<string, string[]>();
for (const word of new Set([...vocabulary, ...lemmaOf.keys()])) {
  if (word.length < MIN_CORRECTED - 1) continue;
  for (const key of [word, ...deletions(word)]) targets.set(key, [...(targets.get(key) ?? []), word]);
}
const others = new Set<string>();
for (const line of lines) {
  const parsed = parseDictionaryLine(line);
  if (!parsed) continue;
  for (const form of new Set(formsOf(parsed.word, parsed.flags, affixes).map(fold))) {
    // An article's own word outside the table ("ostrzeżenie") is kept too: typo correction
    // would turn it into a neighbouring form the article does not use.
    if (form.length < MIN_CORRECTED || lemmaOf.has(form) || others.has(form)) continue;
    if ([form, ...deletions(form)].some((key) => (targets.get(key) ?? []).some((t) => oneEditApart(form, t)))) others.add(form);
  }
}
emit(
  OTHER_WORDS_FILE,
  `# Generated by npm run kb:lemmas from dictionary-pl: words one edit from a form above, never typo-corrected (folded).\n${[...others].sort().join('\n')}\n`,
);
if (stale.length > 0) {
  process.stderr.write(`kb:lemmas --check: ${stale.join(', ')} out of date with the articles; run npm run kb:lemmas and commit\n`);
  process.exit(1);
}
process.stdout.write(
  `${check ? 'up to date: ' : ''}${vocabulary.size} vocabulary words, ${chosen.size} lemmas, ${lemmaOf.size} forms -> ${LEMMAS_FILE}; ${others.size} other words -> ${OTHER_WORDS_FILE}\n`,
);
