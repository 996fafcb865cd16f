import { COLLOQUIAL, COLLOQUIAL_FILLER } from './colloquial';

/**
 * Words customers use that the articles do not spell out: abbreviations and product names
 * ("M365", "MS Teams"), countries, their cities and demonyms in any inflection ("w Dubaju",
 * "Kanadyjczycy"), and the chatty filler around a question ("Dzień dobry, mam pytanie").
 * All patterns work on folded text (lowercase, no diacritics).
 */

/** Whole words that stand for others: the article's own words replace them. */
const ALIASES: [RegExp, string][] = [
  [/^m365$/, 'microsoft 365'],
  [/^o365$/, 'office 365'],
  [/^(ms|msft|micro?soft\w*|majkrosoft\w*)$/, 'microsoft'],
  // The company's name inflects and gets misspelt: "w 21Vianecie", "21Vianetu", "21Vainet".
  [/^(21v|21v(ia|ai)n\w*|vianet\w*|vainet\w*)$/, '21vianet'],
  [/^(skajp|skyp|skype|skayp|skpye|skaip|skpe|sykpe|skyep)\w*$/, 'skype'],
  [/^(offic|offis|ofis)\w*$/, 'office'],
  // "w Skype Connectcie", "Skajp Konekt": the name inflected and spelt as it is said.
  // English "connected", "connecting", "connection" are verbs and nouns, not the product (see COLLOQUIAL).
  [/^(connect(?!(ed|ing|ions?)$)\w+|konek\w*|conect\w*)$/, 'connect'],
  // "profilu SIPa", "Office 365 Edukacja", "edukacyjnym": the names the articles use.
  [/^(sip(a|u|em|ie|ach|ow)?)$/, 'sip'],
  [/^(edukac\w*|edukacyj\w*)$/, 'education'],
  // Countries the articles name, with their cities, adjectives and demonyms.
  [/^(algier\w*|algeria\w*)$/, 'algieria'],
  [/^(bahrajn\w*|bahrain\w*|manam\w*)$/, 'bahrajn'],
  [/^(chin\w*|china|chinese|pekin\w*|beijing|szanghaj\w*|shanghai|chinczy\w*)$/, 'chiny'],
  [/^(egip\w*|egypt\w*|kair\w*|cairo)$/, 'egipt'],
  [/^(indi[aeiy]\w*|indyj\w*|hindus\w*|bombaj\w*|mumbai|delhi|bangalore)$/, 'indie'],
  [/^(katar\w*|qatar\w*|doha|dosze|dohy)$/, 'katar'],
  [/^(kore(a|i|e|anc|ansk|an)\w*|seul\w*|seoul)$/, 'korea'],
  [/^(kuwejt\w*|kuwejc\w*|kuwait\w*)$/, 'kuwejt'],
  [/^(liban\w*|leban\w*|bejru[tc]\w*|beirut)$/, 'liban'],
  [/^(libi[aiey]\w*|libijs\w*|libya\w*|libyan|trypoli\w*|tripoli)$/, 'libia'],
  [/^(marok\w*|morocc\w*|casablan\w*|marrakesz\w*|marrakesh)$/, 'maroko'],
  [/^(namibi\w*|windhuk\w*|windhoek)$/, 'namibia'],
  [/^(pakista\w*|karacz\w*|karachi|islamabad\w*|lahaur\w*|lahore)$/, 'pakistan'],
  [/^(tajwan\w*|taiwan\w*|tajpej\w*|taipei)$/, 'tajwan'],
  [/^(tunez\w*|tunis\w*)$/, 'tunezja'],
  [/^(emira\w*|uae|zea|dubaj\w*|dubai|abu|zabi|dhabi|szardz\w*|sharjah)$/, 'emiratow'],
  [/^(kanad\w*|canad\w*|toront\w*|montreal\w*|vancouver\w*|ottaw\w*|calgary|quebec\w*)$/, 'kanada'],
  [/^(australi\w*|sydney|melbourne|brisban\w*|perth)$/, 'australia'],
  [
    /^(usa|stany|stanach|stanow|amery[kc]\w*|americ\w*|chicag\w*|jork\w*|york|seattl\w*|boston\w*|miami|teksas\w*|texas|kaliforni\w*|california|florydz\w*|floryd\w*|florida)$/,
    'usa',
  ],
  [
    /^(brytani\w*|brytyj\w*|britain|british|uk|anglii|anglia|london\w*|londyn\w*|manchester\w*|edynburg\w*|edinburgh|szkocj\w*|scotland)$/,
    'brytania',
  ],
  [/^(niemc\w*|niemiec\w*|germany|german|berlin\w*|monachium|munich|hamburg\w*|frankfur\w*)$/, 'niemcy'],
  [/^(polsc\w*|polska|polski|polsk\w*|poland|polish)$/, 'polska'],
  [/^(francj\w*|francu\w*|france|french|paryz\w*|paris)$/, 'francja'],
  // Other countries the articles do not name: any country (kraj), where the minutes do work.
  [
    /^(hiszpan\w*|spain|spanish|madryt\w*|wlos\w*|wloch\w*|italy|italian|rzym\w*|czech\w*|czesk\w*|praga|pradze|slowac\w*|austri\w*|wieden\w*|szwajcar\w*|holandi\w*|holender\w*|amsterdam\w*|belgi\w*|szwecj\w*|szwedz\w*|norwegi\w*|norwesk\w*|dani[iae]|dunsk\w*|finlandi\w*|irlandi\w*|portugal\w*|grecj\w*|greck\w*|turcj\w*|tureck\w*|ukrain\w*|litw\w*|lotw\w*|estoni\w*|wegr\w*|rumuni\w*|bulgari\w*|chorwacj\w*|japoni\w*|japan\w*|tokio|meksyk\w*|brazyli\w*|argentyn\w*|izrael\w*|tajlandi\w*|wietnam\w*|singapur\w*|indonezj\w*|nigeri\w*|kenii|kenia|rpa|islandi\w*)$/,
    'kraj',
  ],
];

/** Product names customers mention in questions the desk does answer: not someone else's product. */
const KNOWN_NAMES = [
  'teams',
  'exchange',
  'onedrive',
  'sharepoint',
  'outlook',
  'azure',
  'windows',
  'word',
  'excel',
  'powerpoint',
  'office',
  'microsoft',
  'skype',
  'entra',
  'intune',
  'dynamics',
  'wechat',
  'manager',
];

/** The Polish endings a foreign name takes when it is declined ("w Teamsach", "z Intunem", "Teamsowy"). */
const NAME_ENDINGS = 'a|u|em|ie|owi|ach|ami|om|ow|y|ow(?:y|a|e|ego|ej|emu|ym|ymi|ych)';
/**
 * A product name declined without an apostrophe: "w Teamsach", "SharePointem", "w SharePoincie",
 * "na WeChacie", "Exchangu", "w Intunie", "na OneDrivie", "w Azurze". The name keeps its letters
 * but for a final "-t" softened before "-cie" and a silent final "-e" the ending replaces.
 */
const DECLINED_NAME = new RegExp(
  `^(?:${KNOWN_NAMES.map((n) => {
    const forms = [`${n}(?:${NAME_ENDINGS})`];
    if (n.endsWith('t')) forms.push(`${n.slice(0, -1)}cie`);
    if (n.endsWith('e')) forms.push(`${n.slice(0, -1)}(?:${NAME_ENDINGS}|ze)`);
    if (n.endsWith('r')) forms.push(`${n}ze`);
    return `(${forms.join('|')})`;
  }).join('|')})$`,
);

/**
 * Greetings, courtesy and "I have a question" phrases: they say nothing about what is asked, and
 * on a short question they are half of its words.
 */
const FILLER = new RegExp(
  `\\b(${[
    'dzien dobry',
    'dobry wieczor',
    'dobry',
    'witam\\w*',
    'witajcie',
    'czesc',
    'hej\\w*',
    'siema\\w*',
    'halo',
    'hello',
    'hi',
    'hey',
    'good (morning|afternoon|evening)',
    'mam (takie |jedno |krotkie |szybkie |male |pewne )?pytan\\w*',
    'pytanie',
    'pytanko',
    'szybkie pytanie',
    'quick question',
    'i have a question',
    'chcial\\w* (bym |abym )?(sie )?(zapytac|dowiedziec|spytac|wiedziec)',
    'chce (sie )?(zapytac|dowiedziec|spytac|wiedziec)',
    'chcialbym',
    'chcialabym',
    'prosze o (pomoc|informacj\\w*|odpowiedz)',
    'z gory dzieki\\w*',
    'z gory dziekuje',
    'dzieki',
    'dziekuje\\w*',
    'pozdrawiam\\w*',
    'pozdro',
    'thanks( in advance)?',
    'thank you',
    'please',
    'prosze',
    'i was wondering',
    'wondering',
    'could you tell me',
    'can you tell me',
    'tell me',
    '(czy )?(mozecie|mozesz|moglbys|moglabys|moglby pan|moglaby pani) (mi )?(powiedziec|wyjasnic|pomoc|podpowiedziec|napisac)',
    'jak sie masz',
    'co slychac',
    'how are you',
    // English openings and sign-offs: "Sorry to bother you", "any idea", "I'd like to know", "Cheers".
    'good day',
    'sorry to bother( you)?',
    'cheers',
    'many thanks',
    'any idea',
    'i (d|would) like to know',
    'i want to know',
    '(can|could) (someone|anyone|you) help( me)?',
    'nie wiem',
    'szczerze',
    'generalnie',
    'w ogole',
    'wlasciwie',
    'tak w ogole',
    'ogolnie',
    'sluchajcie',
    'sluchaj',
    'bo',
    'no to',
    'wiec',
    'pls',
    'plz',
    'thx',
    'okej',
    'ok',
    // "No dobra, to jak…", "siemka", "ratunku": openings and asides, not what is asked.
    'no dobra',
    'dobra',
    'elo',
    'siemka',
    'ratunku',
    'podobno',
    'chyba',
    'niby',
    'akurat',
    'w sumie',
    'doslownie',
    'faktycznie',
    'kompletnie',
    '(slyszal|czytal)(em|am)',
    'zastanawiam sie',
    // "Jak połączyć konta krok po kroku": how the answer should read, not what is asked.
    'krok po kroku',
    'step by step',
    ...COLLOQUIAL_FILLER,
  ].join('|')})\\b`,
  'g',
);

/** "Numer Skype", "Skype Number" (not "Skype Connect", "Skype Manager"): see UNCOVERED_PRODUCTS. */
const SKYPE_NUMBER = /\b(numer\w{0,3} skyp\w*|skyp\w* number\w{0,2})\b(?! (connect|manager))/g;

/**
 * Products of ours that no article covers: a question naming one asks about it, however well its
 * other words fit an article ("przenieść numer Skype do innego kraju" is not about moving Skype
 * Connect channels). The tune sets A-O name a Skype Number in 13 off-topic questions and in no
 * question the articles answer.
 */
const UNCOVERED_PRODUCTS = [SKYPE_NUMBER];

/** Whether folded text names one of our products that no article covers (see UNCOVERED_PRODUCTS). */
export function namesUncoveredProduct(folded: string): boolean {
  return UNCOVERED_PRODUCTS.some((pattern) => {
    pattern.lastIndex = 0;
    return pattern.test(folded);
  });
}

/**
 * Regions read as the countries in them that the articles name: "znad Zatoki Perskiej", "na
 * Bliskim Wschodzie", "w Afryce Północnej". Each is a list of two-word names (folded), each word
 * with its endings.
 */
const REGIONS: [string[], string][] = [
  [
    [
      String.raw`zato[kc]\w{0,3} persk\w{0,3}`,
      String.raw`polwys\w{0,3} arabsk\w{0,3}`,
      '(persian|arabian) gulf',
      'gulf (states|countries)',
    ],
    'bahrajn katar kuwejt emiratow',
  ],
  [[String.raw`blisk\w{0,3} wschod\w{0,3}`, 'middle east'], 'bahrajn egipt katar kuwejt liban emiratow'],
  [
    [String.raw`afry[kc]\w{0,3} polnocn\w{0,3}`, String.raw`polnocn\w{0,3} afry[kc]\w{0,3}`, 'north(ern)? africa', 'maghreb'],
    'algieria egipt libia maroko tunezja',
  ],
];
/** Each word of a region's name: capitalised, it is a place, no one else's product. */
const REGION_WORD = new RegExp(`^(${REGIONS.flatMap(([words]) => words.flatMap((w) => w.split(' '))).join('|')})$`);

/** Whether a folded word is a word of a region's name (see REGIONS). */
export function isRegionWord(word: string): boolean {
  return REGION_WORD.test(word);
}

/**
 * Names of two words whose words alone mean something else: "Pomoc biznesowa" is Business Assist,
 * while "biznesowy" alone is any business plan ("licencja biznesowa").
 */
const NAMED_PHRASES: [RegExp, string][] = [
  [/\bpomoc\w{0,3} biznesow\w{0,3}\b/g, 'pomoc assist'],
  // "Pakiet biurowy", "aplikacje biurowe": the office suite is Office ("w biurze" is a place).
  [/\b(pakie\w{1,4}|aplikac\w{0,4}|program\w{0,3}) biurow\w{0,3}\b/g, 'office'],
  // "Gdzie znajdę X", "where can I find X" ask where X is: the verb says nothing of X.
  [/\bgdzie (moge |mozna |mam )?(znajde|znajdziemy|znajdziesz|znalezc|szukac|znajduje sie)\b/g, 'gdzie'],
  [/\bwhere (can|do|could|should|would) (i|we|you) find\b/g, 'where'],
  ...REGIONS.map(([words, countries]): [RegExp, string] => [new RegExp(`\\b(${words.join('|')})\\b`, 'g'), countries]),
  // What "wchodzi w skład" (makes part of) something, it covers (obejmuje).
  [/\bwchodz\w{0,3} w sklad\b/g, 'obejmowac'],
  // "21 Vianet" written apart: the number is part of the name.
  [/\b21 (?=(vianet|vainet))/g, '21'],
  // "Żywy człowiek" on the line is a consultant (konsultant), not something alive.
  [/\bzyw\w{0,3} (czlowiek\w{0,3}|osob\w{0,3}|konsultant\w{0,3})\b/g, 'konsultant'],
  // "24/7", "24x7": round the clock, every day ("całą dobę, 7 dni w tygodniu").
  [/\b24( 7|x7)\b/g, 'cala dobe 24 hours 7 days'],
  // "Get my money back", "get anything back": a refund; "get back to me", "hear back": a response.
  [/\b(get|gets|getting) (anything|something|money|my money|it|any money|a refund) back\b/g, 'money back refund'],
  [/\b(get|gets|getting|hear|hearing) back\b/g, 'response'],
  // "Add-ons", "plug-ins", "add-ins": one word, not "add" and "ons".
  [/\b(add|plug) (ons?|ins?)\b/g, 'dodatek'],
  // A Skype Number (a number people call you on) is a Skype product no article covers: read as
  // the name alone, so "kupić numer Skype" does not meet the articles on numbers called with Skype.
  [SKYPE_NUMBER, 'skype'],
];

/**
 * Polish cities in any case ("z Krakowa", "w Poznaniu"): where the customer is tells nothing of
 * what is asked, and a capitalised city is no one else's product.
 */
const HOME_CITIES =
  /\b(warszaw\w*|warsaw|krakow\w*|cracow|wroclaw\w*|breslau|poznan\w*|gdansk\w*|danzig|gdyni\w*|gdynia|sopot\w*|lodz|lodzi|szczecin\w*|lublin\w*|katowic\w*|bialymstoku|bialystok\w*|bydgoszcz\w*|torun\w*|rzesz\w*|kielc\w*|olsztyn\w*|opol\w*|radom\w*|czestochow\w*)\b/g;

/** Folded text without greetings and courtesy phrases, two-word names replaced by their one word. */
export function withoutFiller(folded: string): string {
  let text = folded.replace(FILLER, ' ').replace(HOME_CITIES, ' ');
  for (const [pattern, name] of NAMED_PHRASES) text = text.replace(pattern, name);
  return text;
}

/** Whether a folded word names a Polish city (see HOME_CITIES). */
export function isHomeCity(word: string): boolean {
  HOME_CITIES.lastIndex = 0;
  return HOME_CITIES.test(word);
}

/** A word replaced by what the articles call it (itself when it is no alias). */
export function canonical(word: string): string {
  for (const [pattern, replacement] of ALIASES) if (pattern.test(word)) return replacement;
  for (const [pattern, replacement] of COLLOQUIAL) if (pattern.test(word)) return replacement;
  return nameDeclinedAs(word) ?? word;
}

/** The product name a word declines ("Teamsach" -> "teams"; see DECLINED_NAME). */
function nameDeclinedAs(word: string): string | undefined {
  const declined = DECLINED_NAME.exec(word);
  return declined ? KNOWN_NAMES[declined.slice(1).findIndex((g) => g !== undefined)] : undefined;
}

/** The product name a word declines, when no alias reads the word otherwise ("Skypem" is an alias of Skype). */
export function declinedName(word: string): string | undefined {
  if (ALIASES.some(([pattern]) => pattern.test(word)) || COLLOQUIAL.some(([pattern]) => pattern.test(word))) return undefined;
  return nameDeclinedAs(word);
}

/** Names and canonical words the desk knows even where no article uses them. */
export function vocabularyWords(): string[] {
  return [...KNOWN_NAMES, ...ALIASES.flatMap(([, r]) => r.split(' '))];
}
