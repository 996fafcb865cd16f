import { fold } from '../../../common/text';
import type { Category } from '../types';
import { suggestCategory } from './categorySuggester';

/**
 * What a request's words say about its impact (docs/sla.md, "Suggested grade"): how many people
 * it reaches, whether a service is down or only limited, whether business has stopped, whether
 * it is a question, a minor or cosmetic matter, or a security incident. Patterns run on folded
 * text (no diacritics, lower case), so "nikt", "NIKT" and "nikt" written without accents are one
 * word; every pattern is a list of words, linear in the text's length.
 */
export interface ImpactSignals {
  /** Many people, every user, a whole organisation, branch or team. */
  many: boolean;
  /** One person, one device, "everyone else is fine". */
  one: boolean;
  /** A service or function does not work, mail bounces, data is gone. */
  down: boolean;
  /** It works, but slowly, with drops, now and then. */
  degraded: boolean;
  /** Work or customers have stopped: "firma stoi", "we can't reach customers". */
  stopped: boolean;
  /** An account taken over, files encrypted for ransom. */
  breach: boolean;
  /** A question, a plan, a how-to. */
  question: boolean;
  /** It opens by asking how to do something, whatever words of trouble follow. */
  howTo: boolean;
  /** Someone cannot get in at all. */
  blocked: boolean;
  /** A team or several people. */
  several: boolean;
  /** The one person who does something (the only accountant): one, but what they do stops. */
  keyPerson: boolean;
  /** The writer calls it minor or not urgent. */
  minor: boolean;
  /** The writer gets by another way meanwhile: the browser, by hand, catching up later. */
  workaround: boolean;
  /** Money gone wrong: charged twice, a refund, a subscription suspended, a payment refused. */
  money: boolean;
  /** A near deadline: tomorrow, from Monday, within two weeks. */
  pressing: boolean;
  /** A deadline within hours or a day or two. */
  deadlineSoon: boolean;
  /** How something looks: a colour, a photo, a name's spelling. */
  cosmetic: boolean;
}

const words = (...alternatives: string[]) => new RegExp(`(^|[^a-z0-9])(${alternatives.join('|')})`);

const MANY = words(
  'nikt',
  'nikomu',
  'nikogo',
  'zaden uzytkownik',
  'zadna osoba',
  'zadne konto',
  'wszyscy',
  'wszystkich',
  'wszystkim',
  'wszystkie (nasze |firmowe )?(skrzynki|konta|numery|komputery|kalendarze|witryny|urzadzenia|laptopy|aplikacje|systemy)',
  'cal(a|ej|a|y|ego|ym|emu) (nasz(a|e|ej|ego|ym)? )?(firm|organizac|biur|oddzial|zalog|szkol|przychodni|kancelari|central|domen|tenant|dzierzaw|sie[cć])',
  'wielu (uzytkownik|pracownik|osob|ludzi)',
  'kazd(y|e|a|ego|emu) (uzytkownik|pracownik|kto)',
  'kazdemu',
  'zaden (uzytkownik|pracownik)',
  'zadna osoba',
  'zadn(ej|ego|ych) (uslug|witryn|stron|aplikacj|systemu)',
  'cal(a|ego|y|ym) zarzad',
  'wszystko (nam )?(lezy|padl|stoi|przestal|nie dzial)',
  'everything (is )?(down|broken|stopped)',
  'kilkunast',
  'kilkudziesi',
  'kilkadziesiat',
  'kilkaset',
  'kilkuset',
  'setk[ai]',
  'dziesiat',
  'polow[ay]',
  'wiekszos',
  'nobody',
  'no one',
  'noone',
  'everyone',
  'everybody',
  'none of us',
  'for (all|everyone|everybody|anyone)(?![a-z])',
  'dla (wszystkich|nikogo)',
  'zaden (uczestnik|gosc|klient)',
  'na wszystkich (komputerach|urzadzeniach|laptopach|stanowiskach|telefonach)',
  'all (of )?(our |the )?(machines|pcs|desktops|phones)',
  '\\d+ (offices|biur|oddzial|sites|locations|lokalizac)',
  'all ~?(\\d+|two|three|four|five|six|seven|eight|nine|ten) (of )?(our |the )?',
  'every (user|employee|site|office|one of (us|our))',
  'everyone who',
  'all (of )?(our |the |my )?(\\d+ |[a-z]+ )?(users|staff|employees|people|mailboxes|accounts|offices|numbers|sites|devices|computers|laptops|branches|teams|applications|apps|systems|services)',
  'whole (company|office|team|organi[sz]ation|org|tenant|firm|department|branch|school|practice|staff)',
  'entire (company|office|team|organi[sz]ation|org|tenant|firm|department|branch|school|staff)',
  'company[- ]wide',
  'tenant[- ]wide',
  'org[- ]wide',
  'across the (company|organi[sz]ation|tenant|board)',
  'half (of )?(the|our)',
  'most of (the|our)',
  'dozens',
  'hundreds',
);
/** "40 osób", "about 200 field technicians", "12 sal": how many people or things a count names. */
const COUNTED =
  /(^|[^0-9])(\d{1,3}(?:[ ,.]\d{3})+|\d{2,6})\s*([a-z]+ )?(osob|uzytkownik|pracownik|konsultant|handlowc|nauczyciel|ludzi|kont|skrzyn|numer|stanowisk|lekarz|agent|sal|urzadzen|drukar|people|ppl|users|staff|employees|engineers|agents|consultants|mailboxes|accounts|numbers|teachers|doctors|technicians|devices|rooms)/g;
/** A team of fewer people than this is a part of the organisation, not many users (B, not A). */
const MANY_IN_A_TEAM = 20;
const MANY_PEOPLE = 10;
/** The one person who does something: their being kept out stops it. */
const KEY_PERSON = words(
  'jedyn(a|y|ej|ego) (osoba|ksiegow|kadrow|osoby|ktor)',
  'nasza jedyna',
  'the only (person|one|accountant)',
  'only person',
);
/** A deadline within hours or a day or two: what a broken service blocks today. */
const DEADLINE_SOON = words(
  'za \\d+ (godzin|minut)',
  'in \\d+ (hours|minutes)',
  'dzis (o|do) \\d',
  'today (at|by) \\d',
  'jutro',
  'tomorrow',
  'za (dwa|trzy|\\d) dni',
  'zamykamy',
  'termin (mija|uplywa)',
);
/** Words that say a service itself is down, not one person's copy of it: with no one named, it is down for all. */
const SERVICE_DOWN = words('lezy', 'padl', 'down(?![a-z])', 'outage', 'awari', 'niedostep', 'unavailable', '50[03](?![0-9])');
/** Someone kept out entirely: a person who cannot sign in is stopped, however calmly they say so. */
const BLOCKED = words(
  'nie (moze|moga|mozna) sie zalogowac',
  'zablokowan',
  'brak dostepu',
  'nie ma(ja)? dostepu',
  'tylko przegladac',
  'locked out',
  "(can't|cannot|can not|unable to) (sign|log) ?in",
  'lost (access|edit)',
  'can only view',
);
/** A team or several people: more than one person, fewer than many. */
const SEVERAL = words(
  'zesp',
  'dzial(u|em|owi)? ',
  'kilk(a|u) (osob|uzytkownik|pracownik)',
  'dwoje',
  'troje',
  'czworo',
  'pieciu',
  '[2-9] (osob|uzytkownik|pracownik|people|users)',
  'team(?![a-z])',
  'department',
  'several',
  'a few (users|people|of us)',
);
/** Every message or call, rather than every person: many unless one person is named. */
const ALL_ITEMS = words(
  'wszystkie (nasze |firmowe |wysylane |wychodzace |przychodzace )?(maile|wiadomosci|polaczenia|rozmowy|spotkania|pliki)',
  'kazd(y|e|a|ego) (mail|e-?mail|wiadomosc|polaczenie|telefon)',
  'zaden (mail|e-?mail)',
  'zadna wiadomosc',
  'zadn(ych|ego) (wiadomosci|maili|spotkan|spotkania|polaczen)',
  'zadne (polaczenie|spotkanie|wiadomosci|maile|polaczenia)',
  'any (external |incoming |inbound |outbound )?(call|e-?mail|mail|message|meeting)',
  'every (call|e-?mail|mail|message|meeting|sign-?in)',
  'all (of )?(our |the )?(\\d+ )?(calls|e-?mails?|mail|meetings|messages|sign-?ins|incoming|outgoing|outbound|inbound|external)',
);
const ONE = words(
  'jeden (z |nasz|uzytkownik|pracownik|komputer|laptop)',
  'jedna (osoba|z |nasza|pracownica|uzytkowniczka)',
  'jednego (uzytkownika|pracownika|z)',
  'jednej (osob|pracownic|uzytkownicz|z)',
  'jednemu',
  'u mnie',
  'tylko (u )?mnie',
  'moj(ego|emu|ej|a|e)? (komputer|laptop|konto|skrzyn|outlook|telefon)',
  'pracownica',
  'reszta (dziala|normalnie|nie ma)',
  'inni (moga|nie maja|dzialaja)',
  'pozostali',
  'one (user|person|employee|colleague|laptop|machine|computer|mailbox)',
  'one of (our|the) (users|staff|employees|executives|colleagues|team members|people|accountants|managers|directors|salespeople|engineers)',
  'nasz(a|ego|emu|ej)? (prezes|dyrektor|kierownik|kierowniczk|szef|ksiegow)',
  'kierowniczk',
  'now(y|ego|emu|a|ej) (pracownik|pracownic|uzytkownik|specjalist|osob)',
  'our (ceo|director|manager|executive|accountant|receptionist)',
  'a new (user|starter|employee|hire|colleague)',
  'a (single )?user',
  'a colleague',
  'single user',
  'just me',
  'only me',
  'my (laptop|account|mailbox|outlook|computer|phone)',
  'everyone else',
  'everybody else',
  'others (can|are fine|work)',
  'the rest (of us )?(are|is|can)',
);
const DOWN = words(
  'nie dzial',
  'nie chodzi',
  'nie chodza',
  'padl',
  'lezy',
  'awari',
  'niedostep',
  'przestal',
  'nie moze',
  'nie moga',
  'nie mozemy',
  'nie mozna',
  'nie da sie',
  'nie dochodz',
  'nie docier',
  'nie dotar',
  'kwarantann',
  'quarantin',
  '(opozni|delay)[a-z]* (o |of )?(\\d+|kilka|kilku|several|two|three|four|five|six)(-\\d+)? (godzin|hours)',
  '(delayed|opoznion[aey]) (by )?(o )?(\\d+|kilka|kilku|several|two|three|four|five|six)(-\\d+)? (godzin|hours)',
  '(nobody|no one|nikt)( [^ ]+){0,8} (received|receives|got|gets|dostal|dostaje|otrzymal|otrzymuje)',
  '(nobody|no one|none of us)( [^ ]+){0,3} can ',
  'nie przychodz',
  'nie wychodz',
  'nie dostaj',
  'nie ma(ja)? (skrzyn|dostepu|poczty|maili)',
  'znika',
  'disap',
  'dissap',
  '(hours|godzin[ay]?) (late|behind|pozniej|opozni)',
  '\\d+\\+? (hours|godzin[ay]?) (late|behind)',
  '(nobody|no one|none of us|nikt)( [^ ]+){0,10} (able|managed|zdolal)',
  'nie otrzym',
  'wracaj',
  'wraca z',
  'zwrotk',
  'odrzuca',
  'odbija',
  'zablokowan',
  'brak dostepu',
  'nie ma dostepu',
  'znikn',
  'usuniet',
  'usunal',
  'usunel',
  'pust[aey] ',
  'nie laduj',
  'nie otwiera',
  'nie wysyla',
  'nie odbiera',
  'nie loguj',
  'nie zaloguj',
  'wyrzuca',
  'brak dostep',
  'nie synchroniz',
  'nie lacz',
  'tylko do odczytu',
  'crash',
  'zamyka sie',
  'stuck',
  'utknel',
  'utknely',
  'zawiesza',
  'reject',
  'disconnect',
  'went wrong',
  'poszlo nie tak',
  'nie przechodz',
  'nie pokazuj',
  'nie wyswietla',
  'not showing',
  "(don't|dont|do not|aren't|arent|are not|isn't|isnt|is not)( seem to)?( be)? (getting|receiving|arriving|coming|connect|work)",
  'bez dostepu',
  '40[34](?![0-9])',
  'rozlacza(ja)? sie po',
  'hangs? up',
  'drop(s|ping)? (all|every)',
  'plays silence',
  '(error|blad|bledem) 50[03]',
  '50[03](?![0-9])',
  'not working',
  "(doesn't|does not|don't|do not|won't|isn't|is not|aren't|are not) (work|load|open|start|connect|sync|arrive|come|send|receive|go)",
  'down(?![a-z])',
  'outage',
  'toast',
  "can't",
  'cant',
  '(doesnt|dont|wont|isnt|arent) (work|load|open|start|connect|sync|arrive|come|send|receive|go)',
  'cannot',
  'can not',
  'unable',
  'not able',
  'unavailable',
  'inaccessible',
  'unreachable',
  'stopped',
  'bounc',
  'rejected',
  'blocked',
  'locked out',
  'missing',
  'deleted',
  'empty',
  'gone',
  'wiped',
  'fail',
  'no access',
  'not (arriving|receiving|sending|connecting|loading|syncing|getting)',
  "hasn't (received|arrived)",
  "haven't (received|got)",
  'read-only',
  'read only',
  'unlicensed',
  'bez licencji',
  'restricted',
);
const DEGRADED = words(
  'wolno',
  'wolniej',
  'spowolni',
  'dziala woln',
  'bardzo woln',
  'powoli',
  'przerywa',
  'tnie',
  'zamarza',
  'freez',
  'choppy',
  'cuts out',
  'zacina',
  'rwie',
  'rwa',
  'rozlacza',
  'czasem',
  'czasami',
  'sporadycz',
  'co jakis czas',
  'od czasu do czasu',
  'bywa',
  'opozni',
  'niestabil',
  'slow',
  'sluggish',
  'lag(s|gy|ging)?(?![a-z])',
  'intermittent',
  'sometimes',
  'occasionally',
  'drop(s|ping|ped)(?![a-z])',
  'delay',
  'unstable',
  'flaky',
  'randomly',
  'now and then',
  'takes (ages|forever)',
  // A control that looks broken is harder to use (seed 002's distorted Send button is B).
  'rozjechan',
  'znieksztalc',
  'garbled',
  'looks (wrong|odd|weird|strange|broken)',
  'wyglada (dziwnie|zle|inaczej|fatalnie|brzydko|okropnie)',
);
const STOPPED = words(
  'stoimy',
  'stoja',
  'firma stoi',
  'praca stoi',
  'produkcja stoi',
  'nikt nie pracuje',
  'nie (mozemy|moga|moze) (pracowac|nic zrobic|obslugiwac|realizowac|wystawiac|przyjmowac)',
  'paraliz',
  'sparalizow',
  'klienci (nie moga|dostaja|slysza)',
  'tracimy',
  'strat[ay]',
  'przepadl',
  'odcieci',
  'kryzys',
  'dead in the water',
  'standstill',
  'grinding to a halt',
  '(business|production|work|sales) (has |is )?(stopped|halted|down)',
  "(can't|cannot|unable to) (work|do (any|our) work|serve|reach (our )?(customers|clients|suppliers))",
  'losing (money|customers|orders|business|sales)',
  "customers (can't|cannot|are getting|get|hear)",
  'nobody can work',
  'infolini',
  'hotline',
  'call cent(re|er)',
  'call queue',
  'kolejk[aei] (polaczen|zgloszen)',
  'zamowienia (od|ze|z) ',
  'wszystkie zamowienia',
  'customer (tickets|orders|requests|calls)',
  'all (our )?(customer )?(orders|tickets)',
  '(spotkan(ia|iami)?|rozmow(y)?|kontakt) z klientami',
  '(meetings|calls) with (our )?(clients|customers)',
  'no one can work',
  'crisis',
);
const BREACH = words(
  'hack',
  'compromised',
  'ransom',
  'przejal',
  'przejete',
  'przejeto',
  'przejecie',
  'wlaman',
  'wlamal',
  'okup',
  '\\.locked',
  'zaszyfrow',
  'files (have been |were |are |got )?encrypted',
  'been encrypted',
  'malicious',
  'malware',
  'wirus',
  'virus',
  'spoof',
  'klikn[a-z]* (w |na )?(link|zalacznik|odnosnik)',
  'clicked (on )?(the |a )?link',
  'wpisal(a|i|y)? (swoje |swoj )?(haslo|hasla|dane)',
  'entered (their|her|his|our) (password|credentials)',
  'ktos zalogowal',
  'someone (logged|signed) in',
  'atak (phishing|haker|ransomware)',
  'phishing(owy)? atak',
  '(under|phishing) attack',
  'attacker',
);
const QUESTION_OPENING =
  /^(jak|czy|gdzie|ile|co |kiedy|dlaczego|jaki|jaka|jakie|jakiej|w jaki|how|can |could |is |are |does |do |where|what|which|when|why|should|would|whats|what's)/;
const HOW_TO =
  /^(chcial(a)?bym (zapytac|sie dowiedziec)|prosba o (wskazowki|porade|informacje)|do (we|i) (get|have)|czy (mamy|dostaniemy|dostajemy|przysluguj)|(change|zmien|zmiana|ustaw|set up|setup) |jak (moge|mozemy|mozna|najlepiej|ustawic|skonfigurowac|dodac|zmienic|wlaczyc|wylaczyc|zrobic)|czy (da sie|mozna|moge|mozemy)|gdzie (moge|mozna|znajde)|how (do|can|should) (i|we)|how to|what'?s the (best|recommended)|is (it|there) (possible|a way)|can (i|we) )/;
const QUESTION = words(
  'pytanie',
  'nie rozumiem',
  "(don't|do not|dont) understand",
  'informacj(i|e),? (czy|o|na temat)',
  'need to know',
  'whether',
  'chcial(a)?(bym|bys)',
  'chcielibysmy',
  'chce (wiedziec|sie dowiedziec|zapytac|ustawic|skonfigurowac|wlaczyc|dodac|zmienic)',
  'rozwazamy',
  'zastanawiam',
  'zastanawiamy',
  'planujemy',
  'jak (mog|moz|to|najlepiej|ustawic|zmienic|dodac|wlaczyc|wylaczyc)',
  'czy (da sie|mozna|moge|mozemy|jest (mozliw|opcja|sposob))',
  'gdzie (moge|mozna|znajde|jest)',
  'question',
  'quick q',
  'wondering',
  'would like to (know|understand|set|change|add)',
  "(i|we)'d like to",
  'how (do|can|to|should|would)',
  'is (it|there) (possible|a way)',
  'can (i|we) ',
  'where (can|do|is)',
  'considering',
  'thinking about',
  'exploring',
  'planning',
  'recommended way',
);
const MINOR = words(
  'drobiazg',
  'drobn[aey] (sprawa|rzecz|problem|kwestia|usterka|blad)',
  'nic pilnego',
  'harmless',
  'nieszkodliw',
  'annoying but',
  'da sie pracowac',
  'nic waznego',
  'nic sie nie dzieje',
  'wszystko dziala',
  'everything (else )?works',
  'nie jest pilne',
  'niepilne',
  'nie pali sie',
  'nic sie nie pali',
  'bez pospiechu',
  'nic nas nie goni',
  '(kiedy|jak|gdy) znajdziecie',
  'w wolnej chwili',
  'minor',
  'not urgent',
  'no rush',
  'no hurry',
  'not a big deal',
  'when (you get a chance|convenient|you have time)',
  'just curious',
  'low priority',
  'not critical',
  'nice to have',
  "it's not urgent",
  'cosmetic',
);
const WORKAROUND = words(
  'obejsci',
  'na razie( z tego| z niej| z nich| przez [a-z]+)? (dziala|uzywa|radzi|podalismy|korzysta|obchodzimy|otwiera|wysyla|dodaje|przekazujemy|drukuj)',
  'tymczasowo (uzywamy|korzystamy|dziala|wysylamy|przekierow)',
  'i tak (otwiera|dziala|mozna)',
  'nadrabia',
  'radzimy sobie',
  '(na|w|przez) (komputerach|komputerze|przegladarce|telefonie|telefonach|laptopach|laptopie|aplikacji)( [a-z]+){0,2} dziala',
  'workaround',
  'in the meantime',
  "for now (we|we're|we are|they)",
  'managing',
  'catching up',
  'getting by',
  'works (fine |ok |okay )?(on|in|from|through) (the )?(browser|web|laptops?|desktops?|phones?|app|powershell)',
  'dziala (w|przez) powershell',
  '(w|z|przez) przegladar[a-z]*( [a-z]+){0,2} (da sie|dziala|mozna|wchodzi|widzi|otwiera)',
  'can still be reached',
  'other options work',
  'inne (opcje|funkcje) dzialaja',
);
const MONEY = words(
  'pobran',
  'pobrano',
  'pobral',
  'nalicz',
  'zaleg',
  'pomylk',
  'srodki zeszly',
  'odnowil(a|o)? sie',
  'problem z (odnowieniem|platnoscia|faktura|rozliczeniem)',
  'obciaz',
  'nadplat',
  'podwojn',
  'dwukrotnie',
  'dwa razy',
  'wzrosl',
  'wzrost cen',
  'zaksiegowan',
  'wylaczon',
  'wygasl',
  'zawiesz',
  'karencj',
  'platnosc( sie)? (wywala|nie przechodzi|zostala odrzucona|odrzucona)',
  'karta (nie przeszla|wygasla|odrzucona|zostala odrzucona)',
  'zly nip',
  'blednym nip',
  'charged',
  'charging',
  'charge (twice|again)',
  'double charge',
  'overcharg',
  'debited',
  'expired',
  'suspended',
  'disabled',
  'grace period',
  'payment (failed|declined|error|was declined|keeps failing)',
  'card (was )?(declined|expired)',
  'wrong (amount|vat|invoice|price)',
  'price (went up|increase)',
);
const PRESSING = words(
  'jutro',
  'zaczyna(ja)? (prace )?od (poniedzialku|wtorku|srody|czwartku|piatku|jutra)',
  'od jutra',
  'za \\d+ (godzin|minut)',
  'dzis (o|do) \\d',
  'do konca (miesiaca|tygodnia|kwartalu|roku)',
  'za tydzien',
  'in \\d+ (hours|minutes)',
  'today (at|by) \\d',
  'before (the )?(month|quarter|year)[- ]?end',
  'in (\\d+|two|three) weeks',
  'deadline',
  'w (przyszly|najblizszy) (poniedzialek|wtorek)',
  'do (poniedzialku|wtorku|srody|czwartku|piatku|konca tygodnia|jutra)',
  'za (\\d+|dwa|trzy|kilka|niecale dwa) (dni|tygodnie)',
  'niecale dwa tygodnie',
  'przed rokiem szkolnym',
  'w tym tygodniu',
  'tomorrow',
  'within (\\d+|two|three|a few|a couple of) (days|weeks)',
  'od pierwszego',
  'w ciagu (tygodnia|dwoch tygodni)',
  'within a week',
  '(starting|from|by|before) (monday|tuesday|wednesday|thursday|friday|the \\d)',
  'next week',
  'this week',
);
const COSMETIC = words(
  'wyglad (strony|aplikacji|okna|outlooka|teams)',
  'kolor',
  'motyw',
  'zdjeci',
  'literowk',
  'ikon',
  'emotk',
  'emotikon',
  'czcionk',
  'logo(?![a-z])',
  'awatar',
  'tapet',
  'tlo(?![a-z])',
  'background',
  'nazwa wyswietlan',
  'colou?r',
  'theme',
  'icon',
  'photo',
  'picture',
  'avatar',
  'font(?![a-z])',
  'typo(?![a-z])',
  'misspel',
  'spelled',
  'layout',
  'emoji',
  'reading pane',
  'display name',
);

const has = (pattern: RegExp, text: string) => pattern.test(text);

/** Whether a count names many people: twenty or more, or ten or more when they are not one team. */
function manyCounted(folded: string, team: boolean): boolean {
  let most = 0;
  for (const match of folded.matchAll(COUNTED)) most = Math.max(most, Number(match[2]!.replace(/[ ,.]/g, '')));
  return most >= MANY_IN_A_TEAM || (most >= MANY_PEOPLE && !team);
}

/**
 * The signals of `text`; `category`, when the writer chose it (the chat asks), says whether money
 * words are about money, else the text's own words decide (suggestCategory).
 */
export function impactOf(text: string, category?: Category): ImpactSignals {
  // An address names no one's scope ("wszyscy@", "support@contoso.pl").
  const folded = fold(text)
    .replace(/\S*@\S*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const one = has(ONE, folded) && !has(KEY_PERSON, folded);
  const several = has(SEVERAL, folded);
  // "Everyone else can", "wszyscy inni mogą": the many are the ones not affected.
  const others = folded.replace(
    /(everyone|everybody|wszyscy|wszystkim|wszystkich) (else|inni|innym|innych|pozostali|pozostalym|pozostalych)|all other/g,
    ' ',
  );
  return {
    many:
      has(MANY, others) ||
      manyCounted(folded, several) ||
      (!one && (has(ALL_ITEMS, folded) || /(^|[^a-z])(u nas|w (calej |naszej )?firmie) /.test(folded))) ||
      (!one && !several && has(SERVICE_DOWN, folded)),
    keyPerson: has(KEY_PERSON, folded),
    deadlineSoon: has(DEADLINE_SOON, folded),
    one,
    down: has(DOWN, folded) || has(BLOCKED, folded),
    degraded: has(DEGRADED, folded),
    stopped: has(STOPPED, folded),
    breach: has(BREACH, folded),
    question: QUESTION_OPENING.test(folded) || folded.includes('?') || has(QUESTION, folded),
    // A sentence that opens by asking how: mails open with a greeting first.
    howTo: fold(text)
      .split(/[.!?\n:]+|\s[-–—]\s/)
      .some((sentence) => HOW_TO.test(sentence.trim())),
    blocked: has(BLOCKED, folded),
    several,
    minor: has(MINOR, folded),
    // A workaround that does not keep up is none.
    workaround: has(WORKAROUND, folded) && !/nie nadazamy|can't keep up|cannot keep up/.test(folded),
    // Money words count in a request about money ("the certificate expired" is not a payment).
    money: has(MONEY, folded) && (category ?? suggestCategory(text)) === 'billing',
    pressing: has(PRESSING, folded),
    cosmetic: has(COSMETIC, folded),
  };
}
