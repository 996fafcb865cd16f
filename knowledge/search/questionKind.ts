import { fold } from '../../common/text';

/**
 * What kind of answer a question asks for, from its question words: a number, a time, a person,
 * a place, a way, a reason. A question and an entry's phrasings that ask the same kind agree
 * ("ile kanałów" and "how many channels"); "ile" asked of an entry whose phrasings only ever ask
 * "jak" is a hint that the entry answers something else, and "ile kosztuje" asks a price, not a count.
 */
/**
 * What follows "ile"/"ilu" when it asks a time, not a number: "po ilu dniach", "ile to potrwa",
 * "ile poczekam", "ile czasu zajmuje". So does "w ile" ("w ile dni", "w ile odpowiadają"), though
 * "w ilu krajach" asks a number. An adverb of what is usual may come between ("ile to normalnie
 * trwa", "ile zwykle się czeka").
 */
const HOW_LONG = String.raw`((to|sie|ma|moze|powinno|bedzie|normalnie|zwykle|zazwyczaj|zwyczajowo|standardowo|srednio|przecietnie|mniej wiecej|najczesciej) ){0,3}((po)?trw\w*|(po)?czek\w*|czasu|zajmuj\w*|dni|dniach|godzin\w*)\b`;

/**
 * What follows "ile" when it asks a price: "ile kosztuje", "ile trzeba zapłacić", "ile płacimy";
 * in English what follows "how much": "…does it cost", "…do I have to pay".
 */
const PRICE_AFTER_ILE = String.raw`(to )?kosztuj\w*|((to )?(trzeba|musze|musimy|bede|bedziemy) )?(za)?plac\w*`;
const PRICE_AFTER_HOW_MUCH = String.raw`(does|do|is|are)\b.{0,60}\bcost|(do|will|would) (i|we) (have to )?pay`;

const KINDS: [string, RegExp][] = [
  // A price: the articles tell where a cost is shown, never what anything costs.
  [
    'price',
    new RegExp(
      String.raw`\b(ile (${PRICE_AFTER_ILE})|jaka (jest )?cena|w cenie|cennik\w*|jak\w* (konkretn\w* )?kwot\w*|how much (${PRICE_AFTER_HOW_MUCH})|price of)\b`,
    ),
  ],
  // A plan "bez limitu" asks for no number, nor does a "limitowany" (limited) one; "jaki procent",
  // "what percentage" ask one, as "ile procent" does.
  [
    'count',
    new RegExp(
      String.raw`\b((?<!\bw )ile|ilu|iloma|ilosc\w*|jak\w* (\w+ ){0,2}(procent\w*|odset\w*)|what (percent|percentage)|how many|how much|maksymaln\w*|max|(?<!bez )limit(?!owan|ed)\w*)\b(?! (${PRICE_AFTER_ILE})| (${PRICE_AFTER_HOW_MUCH})| ${HOW_LONG})`,
    ),
  ],
  // "When I add…", "when adding…" opens a condition, not a question about time. How long
  // something lasts is a time too ("na jaki okres kupuje się abonament" is not how to buy it).
  [
    'time',
    new RegExp(
      String.raw`\b(kiedy|o ktorej|jak dlugo|jak szybko|w jakich godzinach|na jaki (okres|czas)|na ile (dni|czasu|miesiecy)|(ile|ilu) ${HOW_LONG}|w ile|w jakim (terminie|czasie)|po jakim czasie|przez jaki (czas|okres)|for what period|w (jakie|ktore) dni|w jakich dniach|o (jakiej|ktorej) porze|(on )?(what|which) days|when(?! (i|we|you|they|my|our|the|a|an|\w+ing)\b)|what time|how long|how soon|how quickly)\b`,
    ),
  ],
  ['who', /\b(kto|kogo|komu|kim|czyj\w*|who|whom|whose)\b/],
  // "Z których krajów", "w jakim kraju" ask where one is, as "skąd", "gdzie" do ("do jakich krajów"
  // asks where calls go: that read as a place too cost 3 right answers on A-M).
  ['where', /\b(gdzie|skad|dokad|where|(z|w) (jakich|ktorych|jakiego|ktorego|jakim|ktorym) (kraj\w*|panstw\w*))\b/],
  ['why', /\b(dlaczego|czemu|po co|z jakiego powodu|why)\b/],
  // "Jak się nazywa…" asks a name, not a way; "jak nie odpowiedzą…" opens a condition (if not).
  // "Od czego zacząć?" asks the first step of a way.
  ['how', /\b(jak|w jaki sposob|how|od czego (\w+ ){0,3}zacz\w*)\b(?! (dlugo|szybko|nie|(sie )?nazywa\w*|many|much|long|soon|quickly)\b)/],
];

/** A question word with the emphatic "-ż" or "-że" ("ileż", "gdzież", "jakże"), folded. */
const EMPHATIC = /\b(ile|ilu|kiedy|gdzie|skad|kto|kogo|komu|czemu|dlaczego|jak)ze?\b/g;

/** The kinds of answer a text asks for (none when it has no question word). */
export function questionKinds(text: string): Set<string> {
  const folded = fold(text).replace(EMPHATIC, '$1');
  return new Set(KINDS.filter(([, pattern]) => pattern.test(folded)).map(([kind]) => kind));
}

/** Whether the text opens with a question word of this kind ("Jak włączyć…", "How do I…"): it asks nothing before it. */
export function opensAsking(text: string, kind: string): boolean {
  const pattern = KINDS.find(([k]) => k === kind)?.[1];
  return !!pattern && new RegExp(`^${pattern.source}`).test(fold(text).trimStart().replace(EMPHATIC, '$1'));
}

/** 1 when the question and the entry's phrasings share a kind, 0 when they share none, 0.5 when the question has none. */
export function kindAgreement(question: Set<string>, entry: Set<string>): number {
  if (question.size === 0) return 0.5;
  for (const kind of question) if (entry.has(kind)) return 1;
  return 0;
}
