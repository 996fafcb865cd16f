/**
 * Everyday words customers use where the articles use the standard ones: "odkręcić" for undoing a
 * link, "userzy" for users, "padła poczta" for an outage, "kasa" for money. Each pattern matches a
 * whole folded word (every inflection it lists) and stands for the article words after it, which
 * then go through the lemma table like any other word (folded, as every word is by then). The patterns name word families, never a
 * whole question: they must hold for any message that uses the word.
 */
export const COLLOQUIAL: [RegExp, string][] = [
  // Undoing or redoing a link: the articles say unlink (rozłączyć) and change (zmienić).
  [/^(odkrec\w*|cofn\w*|odpi[nae]\w*|odepn\w*)$/, 'rozlaczyc'],
  [/^(przepi(nac|nam|na|nal\w*|ac|ete?)|przelacz\w*)$/, 'zmienic'],
  // Someone else's account: "konto Skype żony, syna, kolegi" is the wrong (cudze) account.
  [/^(zony|meza|syna|corki|kolegi|kolezanki|brata|siostry|taty|ojca|szefa|znajomego)$/, 'cudze'],
  [/^(userzy|user|usera|userowi|userem|userami|userow|userach|juzer\w*)$/, 'uzytkownik'],
  // An outage: "padła poczta", "wszystko leży", "cała firma stoi".
  [/^(padl[aoy]?|padly|lezy|stoi|wywalilo|wysypal\w*|zdechl\w*|wiesza\w*|zacina\w*|muli|mula|laguj\w*)$/, 'nie dziala'],
  // "Zadzwonić prosto do Microsoftu": directly.
  [/^(prosto)$/, 'bezposrednio'],
  [/^(kasy|kase|kasa|kasie|hajs\w*)$/, 'pieniadze'],
  // Diminutives and chatty verbs: "minutki", "rozmówki", "wydzwonić się", "podzwonić".
  [/^(minutk\w*|minutek)$/, 'minuty'],
  // A question word with the emphatic "-ż" ("ileż", "gdzież", "kiedyż") is the word.
  [/^(ilez)$/, 'ile'],
  [/^(gdziez)$/, 'gdzie'],
  [/^(kiedyz)$/, 'kiedy'],
  // "Do kogo się zwrócić", "komu przysługuje", "z kim rozmawiać" ask who, as "kto" does.
  [/^(kogo|komu|kim)$/, 'kto'],
  [/^(rozmowk\w*)$/, 'rozmowy'],
  [/^(nowink\w*|newsy|newsow|newsami)$/, 'nowosci'],
  [/^(wydzwoni\w*|podzwoni\w*|przedzwoni\w*|obdzwoni\w*)$/, 'dzwonic'],
  [/^(dokup\w*|wykup\w*)$/, 'kupic'],
  // A representative (przedstawiciel) of Microsoft on the line is its agent.
  [/^(przedstawiciel\w*)$/, 'agent'],
  // Calls that "wliczają się" (count) into the minutes are ones the minutes cover (obejmują).
  [/^(wlicza\w*|wliczon\w*)$/, 'obejmowac'],
  // Tasks that "należą" (belong) to a role are its duties (obowiązki).
  [/^(naleza|nalezal\w*)$/, 'obowiazek'],
  // What a bundle "mieści" (holds), it contains (zawiera).
  [/^(miesc(i|za|zy)|mieszcz(a|e)|zmiesc\w*)$/, 'zawierac'],
  // A request "przesłany", "przesyłany" (passed on) is sent (wysłany).
  [/^(przesyl\w*|przesla\w*|przesle\w*)$/, 'wysylac'],
  // Perfective forms the dictionary lacks: "zadziała", "potrwa", "poczekam".
  [/^(zadzial\w*)$/, 'dziala'],
  [/^(potrw\w*)$/, 'trwa'],
  [/^(poczek\w*)$/, 'czekac'],
  [/^(odpal\w*|wlacz\w*)$/, 'aktywowac'],
  [/^(przerzuc\w*|przesun\w*)$/, 'przenosic'],
  // "Zeszło mi 50 minut" (used up), but "w zeszłym miesiącu" is last month.
  [/^(zjada\w*|zjedz\w*|zejd\w*|zeszl(?!(ym|ego|ej|emu|ych|ymi)$)\w*|leca|wygada\w*|przegada\w*)$/, 'zuzywa'],
  // Money "schodzi", "ściągają" from an account: it is taken (pobierana); minutes "schodzą" are used up.
  [/^(schodz\w*)$/, 'zuzywa pobierac'],
  [/^(sciag(a|aja|ali|nal\w*|neli|na|ne))$/, 'pobierac'],
  // Minutes that "się sumują" add up from month to month: they accumulate (kumulują się).
  [/^(sumuj\w*|sumowa\w*|zsumuj\w*)$/, 'kumuluja'],
  // A system that "uciągnie", "udźwignie" so many lines can serve (obsłużyć) them.
  [/^(uciagn\w*|pociagn\w*|udzwig\w*)$/, 'obsluzy'],
  [/^(naraz)$/, 'jednoczesnie'],
  [/^(skonfigur\w*|konfigur\w*)$/, 'konfiguracja'],
  // Words of the same act or thing the dictionary files apart: "zdezaktywuję" (dezaktywacja),
  // "odblokować" minutes (aktywować), "przenaszalność" (przenoszenie), "równoległe" (jednoczesne).
  [/^(zdezaktyw\w*|dezaktyw\w*)$/, 'dezaktywacja'],
  [/^(odblokow\w*|odblokuj\w*)$/, 'aktywowac'],
  [/^(przenaszal\w*)$/, 'przenoszenie'],
  [/^(rownoleg\w*|rownoczesn\w*)$/, 'jednoczesnie'],
  [/^(funkcjonalno\w*)$/, 'funkcje'],
  [/^(przykladow\w*)$/, 'przyklady'],
  [/^(usterk\w*)$/, 'problem'],
  [/^(setk[aeiy]|setek)$/, '100'],
  [/^(zaokragl\w*)$/, 'zaokraglac'],
  // A bundle is a "paczka" or a "pula" of minutes; a tool that counts is a calculator.
  [/^(paczk\w*|pul[aiey]|pula)$/, 'pakiet'],
  [/^(kalkulator\w*|wyliczark\w*)$/, 'narzedzie'],
  [/^(telefonowa\w*)$/, 'dzwonic'],
  // A problem one "ogarnie" (handles) oneself is solved (rozwiązany).
  [/^(ogarn\w*)$/, 'rozwiazac'],
  // Someone who "doradzi" (advises), a "doradca", "doradztwo": help (pomoc) in the articles' words.
  [/^(dorad\w*)$/, 'pomoc'],
  [/^(posiadacz\w*|posiadam|posiada|dysponuj\w*)$/, 'miec'],
  [/^(blad|bledu|bledy|bledem|bledow)$/, 'problem'],
  // Desks in an office (stanowiska) are its employees; an estimated wait is the one foreseen.
  [/^(stanowisk\w*)$/, 'pracownik'],
  // "To moja działka?": whose duty (obowiązek) it is.
  [/^(dzialk[aie]|dzialce)$/, 'obowiazek'],
  [/^(szacowan\w*|szacowany|oszacow\w*)$/, 'przewidywany'],
  // "Zgłoszenie o wadze krytycznej": the weight of a request is its severity.
  [/^(waga|wagi|wadze|wage)$/, 'waznosc'],
  [/^(nieuzyt\w*|niespozytkowan\w*|niewykorzystan\w*)$/, 'niewykorzystane'],
  // "Kolejny miesiąc" is the next one (never "kolejność", an order).
  [/^kolejn(y|ego|emu|ym|a|ej|e|ych|ymi)$/, 'nastepny'],
  // Support that "pracuje" (works) at night is a line that works (działa).
  [/^(pracuja|pracujecie)$/, 'dziala'],
  [/^(wykrec\w*)$/, 'zadzwonic'],
  // Whether it worked: "udała się", "po udanej aktywacji", "pomyślnie".
  [/^(udal[aoy]?|udan\w*|powiodl\w*|pomysln\w*)$/, 'udac'],
  // A message that "wyskakuje" (pops up) is a komunikat.
  [/^(wyskak\w*|wyskocz\w*)$/, 'komunikat'],
  // WeChat is the messenger (komunikator) the articles name.
  [/^(komunikator\w*)$/, 'wechat'],
  [/^(domu)$/, 'home'],
  [/^(przebywa\w*|pobyt\w*)$/, 'podrozy'],
  // English in Polish questions and English questions: how often, who sold it, whose staff.
  [/^(twice|again|once)$/, 'raz'],
  [/^(reseller\w*|resell\w*|dystrybutor\w*)$/, 'partner'],
  [/^(school|szkol[ay]|szkole|uczeln\w*|student\w*)$/, 'education'],
  [/^(corporate|enterprise|korpo\w*)$/, 'firm'],
  [/^(max|maks|maksa|maksymalnie)$/, 'maksymalna'],
  // "Nielimitowany", "nieograniczony" plan: the articles say one "bez limitu", "bez ograniczeń".
  [/^(nielimitowan\w*|nieograniczon\w*)$/, 'bez limitu'],
  // Again, today, this morning: how often something may be done in a day.
  [/^(znowu|znow|ponownie|ponowna|ponowny|powtorn\w*|wielokrotn\w*|jednorazow\w*|kilkakrotn\w*|kilkukrotn\w*|ilukrotn\w*)$/, 'raz'],
  [/^(rano|rana|wczoraj|dzis|dzisiaj|jutro|poludni\w*|wieczorem)$/, 'dziennie'],
  // Travelling: the articles speak of travel abroad.
  [/^(wyjezdz\w*|wyjazd\w*|wyjade|jade|lece|delegacj\w*|kontrakt\w*|stamtad)$/, 'podrozy za granica'],
  [/^(firmow\w*|biznesow\w*|sluzbow\w*)$/, 'firm'],
  // Diminutives: "malutka firma", "maleńki"; "małofirmowy".
  [/^(malutk\w*|malenk\w*)$/, 'mala'],
  [/^(malofirm\w*)$/, 'mala firm'],
  [/^(komork\w*)$/, 'telefon komorkowy'],
  // Devices by their everyday names: the articles say "any device" (urządzenie).
  [/^(komp|kompa|kompie|kompem|komputer|komputera|komputerze|komputerem|laptop\w*|tablet\w*|tablec\w*|pc|smartfon\w*)$/, 'urzadzenie'],
  // "Po czym poznam, że…": how to check.
  [/^(poznam|poznac|poznamy|poznasz)$/, 'sprawdzic'],
  [/^(gratis\w*)$/, 'darmowe'],
  // Someone "odbierze" (picks up the phone) when the line works; "nad ranem" is at night.
  [/^(odbier(a|aja|ze|zecie|zesz)|odbieral\w*)$/, 'dziala'],
  [/^(ranem|nocka|nocke|nocki)$/, 'nocy'],
  // A system that "nie przepuszcza", "się czepia": a limit stops it.
  [/^(przepuszcz\w*|przepusci\w*|czepia\w*)$/, 'limit'],
  [/^(zagwozd\w*|klopot\w*)$/, 'problem'],
  // An outage is a problem with the service; Microsoft 365 Family is what Office 365 Home became.
  [/^(outage\w*|downtime)$/, 'problem'],
  [/^(family)$/, 'home'],
  // English "connected my Skype account" links accounts; a "connection" is a call (połączenie).
  [/^(connected|connecting)$/, 'polaczyc'],
  [/^(connections?)$/, 'polaczenie'],
  // Saving money: the articles speak of cheap (tanie) calls. Only "opłaca się" and "opłacalny" are
  // worth it: "opłacany", "opłacać" pay for something, as the articles say.
  [/^(taniej|tanio|zaoszczedz\w*|oszczedz\w*|oplaca|oplacalo|oplacaln\w*)$/, 'tanie'],
  // Turning a subscription off or getting rid of it: it is cancelled (anulować), never turned on.
  // "Wyłączenia krajowe", "z wyłączeniem" as nouns are exceptions (wyjątki) to a rule.
  [/^(wylaczen(ia|iem|iach|iami|iom))$/, 'wyjatek'],
  [/^(wylacz\w*|pozby\w*|pozbed\w*|pozbyc)$/, 'anulowac'],
  // "Łączenie kont", "łączeniowych": linking and connections (połączenie).
  [/^(lacze\w*|laczy\w*|laczac\w*)$/, 'polaczenie'],
  [/^(sc)$/, 'skype connect'],
  // Abbreviations: "nr tel.", "sev A".
  [/^(nr|numerek)$/, 'numer'],
  // "Według", as "wg", is a stop word: unread, the abbreviation was a word the base never uses.
  [/^(wg)$/, 'wedlug'],
  [/^(tel|telefonik\w*)$/, 'telefon'],
  [/^(sev)$/, 'waznosc'],
  [/^(pogadac|porozmawiac|pogadam)$/, 'zadzwonic'],
  [/^(pare)$/, 'kilka'],
  // "Zgłaszać" is "zgłosić" done again: the dictionary files the two aspects apart.
  [/^(zglasza\w*)$/, 'zglosic'],
  // "Za co nas skasują?": what they will charge (rozliczać) for.
  [/^(skasuj(a|e|ecie|emy|esz))$/, 'rozliczac'],
  [/^(gada|gadaj\w*|gadal\w*)$/, 'rozmowy'],
  // An "autoryzowany" administrator is the one the articles call "upoważniony".
  [/^(autoryzowan\w*)$/, 'upowazniony'],
  // "Kiedy się odezwą": when support responds.
  [/^(odezw\w*|odpisz\w*|odpisa\w*)$/, 'odpowiedz'],
  // A subscription that "przedłuża się sam" renews.
  [/^(przedluz\w*)$/, 'odnawia'],
  // A number of channels the system "przelicza" or "poprzestawiał" was rounded.
  [/^(przelicz\w*|poprzestawi\w*|przestawi\w*|obcina\w*|obcia\w*|uci(na|al|ete)\w*)$/, 'zaokragla'],
];

/**
 * Chatty phrases (folded) that carry nothing of what is asked: who asked ("szef kazał mi"), the
 * writer's mood ("kurczę", "ups") and vague tails ("o co chodzi", "czy nie bardzo").
 */
export const COLLOQUIAL_FILLER = [
  'no hej',
  'yo',
  'ups',
  'kurcze',
  'serdecznie',
  'ogarnac',
  'jakos',
  'jakis',
  'jakies',
  'wcale',
  'jakiegos',
  'o co chodzi',
  'czy co',
  'czy nie bardzo',
  'nie bardzo',
  'szef (kazal|pyta|mowi|chce|uslyszal)( mi)?',
  // Who else asks: "mąż pyta, czy…", "żona prosiła, żebym…".
  '(maz|zona|tata|mama|babcia|dziadek|syn|corka|kolega|kolezanka|prezes|ksiegowa|klient|klientka) (pyta|pytal|pytala|prosi|prosil|prosila|kaze|kazal|kazala)( mnie| mi)?',
  'kolega (mowil|ma|pytal)',
  // Hearsay: "pani w sklepie mówiła, że…", "kolega twierdzi, że…": the claim is what is asked.
  '(pani|pan) w sklepie',
  '(mowil|mowila|mowili|mowia|twierdzi|twierdzil|twierdzila|twierdza|powiedzial|powiedziala)( mi| nam)? ze',
  'nic mi nie wychodzi',
  'mam problem',
  'da (sie )?rade',
  // "Będzie spoko?", "czy to ok?": whether it is fine, which the question asks anyway.
  '(bedzie |jest |to )?spoko',
  'nie mam (zielonego )?pojecia',
  'co (jest|tu jest) grane',
  // "Jak się nazywa…": a name asked, of the thing named after it.
  '(sie )?nazyw(a|aja)( sie)?',
  // How the writer feels or who the story is about: "trochę się gubię", "ręce opadają", "babcia".
  '(troche )?(sie )?(gubie|stresuje|denerwuje)( sie)?',
  'rece (mi )?opadaja',
  '(pierwszy|drugi) raz w zyciu',
  'w zyciu',
  // When the story happened: "w zeszłym miesiącu", "w ubiegłym tygodniu" (the month or week stays).
  'w (zeszlym|ubieglym)',
  // How good the writer wants it: "porządna dokumentacja", "sensowny poradnik".
  'porzadn\\w*|sensown\\w*',
  '(juz )?wszystko probowal(em|am|ismy)',
  // Having tried, about to call: the story before what is asked.
  '(s)?probowal(em|am|ismy|y)',
  'zaraz',
  // "Kiedy zaczyna obowiązywać…": when it applies, the start is what "kiedy" asks anyway.
  'zaczyna(ja)?',
  'siedzimy|siedze',
  'pierdol\\w*',
  'babcia|dziadek|mama|tata|wnuczka|wnuk|syn|corka|zona|maz|szef|kolega|kolezanka|prezes|ksiegowa',
  // "Powinienem", "należy": what one should do is what is asked anyway.
  'powinienem|powinnam|powinnismy|powinienes|powinnas|nalezy|bym|zebym|zebysmy',
];
