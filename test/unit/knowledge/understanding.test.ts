import { loadKnowledgeBase } from '../../../knowledge/knowledgeBase';
import { splitFacts } from '../../../knowledge/search/facts';
import { factToQuote, headingOf } from '../../../knowledge/search/quote';
import { kindAgreement, questionKinds } from '../../../knowledge/search/questionKind';
import { Terms } from '../../../knowledge/search/terms';

/** How the engine reads customers' own words, on the product's knowledge base. */
const kb = loadKnowledgeBase();
const terms = new Terms();

describe('terms', () => {
  it('meets inflected forms at their lemma (Hunspell table)', () => {
    expect(terms.of('kanałów')).toEqual(terms.of('kanał'));
    expect(terms.of('minutami')).toEqual(terms.of('minuta'));
    expect(terms.of('rozliczeniom')).toEqual(terms.of('rozliczenie'));
  });

  it('reads "mamy" as the verb "mieć", not the noun "mama"', () => {
    expect(terms.of('mamy')).toEqual(terms.of('mieć'));
  });

  it('resolves abbreviations, cities and demonyms to the words the articles use', () => {
    expect(terms.of('M365')).toEqual(['microsoft', '365']);
    expect(terms.of('21 Vianet')).toEqual(terms.of('21Vianetu'));
    expect(terms.of('w Dubaju')).toEqual(terms.of('Emiratów'));
    expect(terms.of('Kanadyjczycy')).toEqual(terms.of('Kanada'));
  });

  it('reads a region as the countries in it that the articles name, and a compound preposition as none', () => {
    expect(terms.of('znad Zatoki Perskiej')).toEqual(terms.of('Bahrajn, Katar, Kuwejt, Emiratów'));
    expect(terms.of('w Afryce Północnej')).toEqual(terms.of('Algieria, Egipt, Libia, Maroko, Tunezja'));
    expect(terms.knows('perskiej')).toBe(true);
  });

  it('drops every case of the pronouns and hedges around what is asked ("jakiejś", "czymś takim", "raczej")', () => {
    expect(terms.of('Potrzebuję raczej jakiejś pomocy z czymś takim: aktywacja minut dla naszej firmy')).toEqual(
      terms.of('Potrzebuję pomocy: aktywacja minut dla firmy'),
    );
  });

  it('drops who else asks ("mąż pyta, czy…") and whether it is fine ("będzie spoko?")', () => {
    expect(terms.of('mąż pyta, czy można dzwonić na komórki')).toEqual(terms.of('czy można dzwonić na komórki'));
    expect(terms.of('5 kanałów, będzie spoko?')).toEqual(terms.of('5 kanałów?'));
  });

  it('drops greetings and courtesy around a question', () => {
    expect(terms.of('Dzień dobry, mam pytanie: ile kanałów mogę kupić? Pozdrawiam')).toEqual(terms.of('ile kanałów mogę kupić'));
    expect(terms.of('jak kupić kanały krok po kroku')).toEqual(terms.of('jak kupić kanały'));
  });

  it('reads everyday words and abbreviations as the words the articles use', () => {
    expect(terms.of('odkręcić')).toEqual(terms.of('rozłączyć'));
    expect(terms.of('userzy')).toEqual(terms.of('użytkownik'));
    expect(terms.of('padła')).toEqual(terms.of('nie działa'));
    expect(terms.of('minutki')).toEqual(terms.of('minuty'));
    expect(terms.of('nr tel')).toEqual(terms.of('numer telefon'));
    expect(terms.of('wyłączyć')).toEqual(terms.of('anulować'));
    expect(terms.of('wyłączenia krajowe')).toEqual(terms.of('wyjątki krajowe'));
    expect(terms.of('abonamentu kanałowego')).toEqual(terms.of('abonament kanałów'));
    expect(terms.of('zeszło')).toEqual(terms.of('zużywa'));
    expect(terms.of('przesyłać zgłoszenia')).toEqual(terms.of('wysyłać zgłoszenia'));
    expect(terms.of('w zeszłym miesiącu')).not.toContain(terms.of('zużywa')[0]);
    expect(terms.of('schodzą pieniądze')).toContain(terms.of('pobierane')[0]);
    expect(terms.of('w pakiecie biurowym')).toEqual(terms.of('w Office'));
    expect(terms.of('gdzie znajdę Skype Connect')).toEqual(terms.of('gdzie jest Skype Connect'));
    expect(terms.of('co wchodzi w skład wsparcia')).toEqual(terms.of('co obejmuje wsparcie'));
    expect(terms.of('ile minut mieszczą pakiety')).toEqual(terms.of('ile minut zawierają pakiety'));
    expect(terms.of('zadania należą do roli')).toEqual(terms.of('zadania obowiązki roli'));
    expect(terms.of('kiedy zaczyna obowiązywać')).toEqual(terms.of('kiedy obowiązuje'));
    expect(terms.of('wlicza się w minuty')).toEqual(terms.of('obejmuje minuty'));
    expect(terms.of('przedstawiciel Microsoft')).toEqual(terms.of('agent Microsoft'));
    // Stop words with an everyday reading are read, not dropped.
    expect(terms.of('znowu')).toEqual(terms.of('raz'));
    expect(terms.of('zgłaszać')).toEqual(terms.of('zgłosić'));
    expect(terms.of('z komputera')).toEqual(terms.of('z laptopa'));
    expect(terms.of('wg 21Vianet')).toEqual(terms.of('21Vianet'));
  });

  it('reads a word negated with "nie-" as "nie" and the word, and "działa" as a form of "działać"', () => {
    expect(terms.of('nieadministratorów')).toEqual(terms.of('nie administratorów'));
    expect(terms.of('niedziałających')).toEqual(terms.of('nie działa'));
    expect(terms.of('niebieski')).toEqual(['niebieski']);
  });

  it('reads a negated adjective as one term, written together or apart, and never as the adjective', () => {
    expect(terms.of('niekrytyczne')).toEqual(terms.of('nie krytyczna'));
    expect(terms.of('niekrytyczne')).not.toContain(terms.of('krytyczne')[0]);
    // "Nie." ends a sentence: the word after it is not negated.
    expect(terms.of('Nie. Krytyczne')).toEqual([...terms.of('nie'), ...terms.of('krytyczne')]);
  });

  it('reads a product name declined without an apostrophe as the name ("w Teamsach", "w SharePoincie", "WeChatem")', () => {
    expect(terms.of('w Teamsach')).toEqual(terms.of('Teams'));
    expect(terms.of('w SharePoincie')).toEqual(terms.of('SharePoint'));
    expect(terms.of('WeChatem')).toEqual(terms.of('WeChat'));
    expect(terms.of('w Intunie')).toEqual(terms.of('Intune'));
    expect(terms.of('exceeded')).toEqual(['exceeded']);
  });

  it("knows a Polish city and a misspelt name of ours, so neither reads as someone else's product", () => {
    expect(terms.of('jestem z Krakowa, ile kanałów mogę kupić')).toEqual(terms.of('ile kanałów mogę kupić'));
    expect(terms.knows('krakowa')).toBe(true);
    expect(terms.knows('manger')).toBe(true);
    expect(terms.of('Skpe')).toEqual(['skype']);
    expect(terms.knows('netflix')).toBe(false);
  });
});

describe('answers', () => {
  it('keeps first, in a near tie, the entry whose phrasings ask what the question asks ("jak szybko" after an outage)', () => {
    const r = kb.answer('W 21Vianet nie działa nam SharePoint w całej firmie. Jak szybko ktoś się odezwie?');
    expect(r.source?.articleId).toBe('response-times');
  });

  it('reads an outage told in a clause before "jak szybko…" as context, as it reads a sentence before it', () => {
    const r = kb.answer('Dzień dobry, od rana nie działa nam poczta w całej firmie, jak szybko ktoś się odezwie?');
    expect(r.source?.articleId).toBe('response-times');
  });

  it('reads a question word in a sentence without a question mark as telling, when another sentence asks with one', () => {
    const r = kb.answer('Chcę zapytać, jak ustawić użytkownikowi hasło, które nigdy nie wygasa. Po jakim czasie odpowie 21Vianet?');
    expect(r.source?.articleId).toBe('response-times');
  });

  it('answers the wait, not what the situation told is an example of, when a message asks both ("jaka to ważność i ile poczekam?")', () => {
    const outlook = kb.answer('Mamy 21Vianet, jednej osobie nie działa przycisk Wyślij w Outlooku. Jaka to ważność i ile poczekam?');
    expect(outlook.source?.articleId).toBe('response-times');
    expect(outlook.answer).toMatch(/B \(wysoka\) – nie później niż w 1 dzień roboczy/);
    const password = kb.answer(
      'Korzystamy z 21Vianet i chcę, żeby hasło użytkownika nigdy nie wygasało. Jaki to priorytet i kiedy ktoś się odezwie?',
    );
    expect(password.answer).toMatch(/C\b.*3 dni robocz/);
  });

  it('keeps the entry the situation is an example of when the message asks no time, or asks yes or no about one', () => {
    const outlook = kb.answer('Mamy 21Vianet, jednej osobie nie działa przycisk Wyślij w Outlooku. Jaka to ważność?');
    expect(outlook.source?.articleId).toBe('severity-b');
    const cancel = kb.answer('Właśnie anuluję abonament kanałów Skype Connect, czy zobaczę, kiedy wygaśnie?');
    expect(cancel.source?.articleId).toBe('skype-connect-channels-cancel');
  });

  it('reads the home edition a customer says they have as their situation, not as asking which editions carry minutes', () => {
    const noAccount = kb.answer('Cześć, mam Office 365 Personal, ale nie mam jeszcze konta Skype. Co wtedy z minutami?');
    expect(noAccount.source?.articleId).toBe('skype-office-minutes-no-skype-account');
    const hotline = kb.answer('Mama ma Office 365 Home i chce dzwonić na infolinię 0-800. Czy to wejdzie w darmowe minuty?');
    expect(hotline.source?.articleId).toBe('skype-office-minutes-excluded-numbers');
    // Asked whether the edition has minutes, it is still what is asked.
    expect(kb.answer('Mam Office 365 Personal, czy dostanę minuty Skype?').source?.articleId).toBe('skype-office-minutes-eligible-plans');
  });

  it('answers the same question asked with an abbreviation and with greetings', () => {
    const plain = kb.answer('jaki jest numer telefonu pomocy technicznej Microsoft 365');
    const chatty = kb.answer('Dzień dobry, mam pytanie. Jaki jest numer telefonu do wsparcia M365?');
    expect(plain.source?.articleId).toBe('m365-phone-numbers');
    expect(chatty.source?.articleId).toBe('m365-phone-numbers');
  });

  it('finds one detail of a long answer and quotes it before the whole answer', () => {
    const r = kb.answer('Czy minuty ze Skype działają w Katarze?');
    expect(r.source?.articleId).toBe('skype-office-minutes-blocked-countries');
    expect(r.answer).toMatch(/Kataru/);
  });

  it('answers a question with an acronym declined after a hyphen ("profilami SIP-owymi") as it answers the bare acronym', () => {
    const bare = kb.answer('Czy mogę wymieniać kanały pomiędzy profilami SIP?');
    const declined = kb.answer('Czy mogę wymieniać kanały pomiędzy profilami SIP-owymi?');
    expect(bare.answered).toBe(true);
    expect(declined.answered).toBe(true);
    expect(declined.source?.articleId).toBe(bare.source?.articleId);
  });

  it('treats a product name declined ("w Teamsach") as the name itself, and still offers what it found', () => {
    const bare = kb.answer('Czy 21Vianet pomaga z problemami z Teams?');
    const declined = kb.answer('Czy 21Vianet pomaga z problemami w Teamsach?');
    expect(declined.answered).toBe(bare.answered);
    expect(declined.suggestions.map((s) => s.articleId)).toEqual(bare.suggestions.map((s) => s.articleId));
    expect(declined.suggestions.length + (declined.answered ? 1 : 0)).toBeGreaterThan(0);
  });

  it('reads a city as its country ("biuro w Toronto") and a derived name ("SharePointowych") as the name: no foreign product', () => {
    expect(terms.of('w Toronto')).toEqual(terms.of('w Kanadzie'));
    expect(kb.answer('Jaki numer pomocy Microsoft 365 ma nasze biuro w Toronto?').source?.articleId).toBe('m365-phone-numbers');
    expect(kb.answer('Jaki poziom ważności ma awaria witryn SharePointowych w 21Vianet?').answered).toBe(true);
  });

  it('answers a question about a country the articles do not list, written with a capital', () => {
    const r = kb.answer('Czy minuty Skype z Office działają w Hiszpanii?');
    expect(r.source?.articleId).toBe('skype-office-minutes-blocked-countries');
  });

  it('answers a question about a non-critical issue with severity C, not with the critical severity A', () => {
    expect(kb.answer('przykłady spraw niekrytycznych w 21Vianet', 'pl').source?.articleId).toBe('severity-c');
    expect(kb.answer('Nasza sprawa w 21Vianet jest nie krytyczna. Jaka to ważność?', 'pl').source?.articleId).toBe('severity-c');
  });

  it('reads "miesięcznie" and "comiesięcznie" as "co miesiąc": asked whether channels are paid monthly, it says they are', () => {
    for (const q of ['Abonament kanałów Skype Connect opłacam comiesięcznie?', 'czy abonament kanałów skype connect opłacam miesięcznie']) {
      const r = kb.answer(q, 'pl');
      expect(r.answered).toBe(true);
      expect(r.answer).toMatch(/co miesiąc/);
    }
  });

  it('answers a question that names the thing by a synonym the article never uses ("karetka")', () => {
    expect(kb.answer('Czy da się ze Skype zadzwonić po karetkę?').source?.articleId).toBe('skype-emergency-numbers');
  });

  it('answers a question asking for a handbook (podręcznik) with the guides article', () => {
    expect(kb.answer('Czy jest jakiś podręcznik do Skype Connect?').source?.articleId).toBe('skype-connect-guides');
  });

  it('reads "uaktywnić", the other aspect of "aktywować", as activating', () => {
    expect(kb.answer('Gdzie uaktywniam minuty Skype z Office?').source?.articleId).toBe('skype-office-minutes-activate');
  });

  it('reads getting rid of channels ("pozbyć się") as cancelling them', () => {
    expect(kb.answer('Jak się pozbyć kanałów Skype Connect?').source?.articleId).toBe('skype-connect-channels-cancel');
  });

  it('offers, not answers, what it found for a question naming a place it has no word for', () => {
    const r = kb.answer('Nasz zespół siedzi w Winnipeg. Pod jaki numer dzwonić do pomocy Microsoft 365 w Kanadzie?');
    expect(r.answered).toBe(false);
    expect(r.suggestions.map((s) => s.articleId)).toContain('m365-phone-numbers');
  });

  it('gives a question naming neither 21Vianet nor China the global Microsoft 365 answer', () => {
    const r = kb.answer('czy pomoc techniczna Microsoft 365 działa całą dobę');
    expect(r.source?.articleId).toBe('m365-phone-hours-language');
  });

  it.each(['Jak duża może być skrzynka pocztowa w Exchange Online?', 'jak podmienić kartę do płatności za subskrypcję Microsoft 365?'])(
    'offers, not answers, a 21Vianet article for a global question it has no article for: %s',
    (question) => {
      const r = kb.answer(question);
      expect(r.answered).toBe(false);
      expect(r.suggestions[0]?.articleId).toMatch(/^vianet-/);
    },
  );

  it('gives the 21Vianet answer when the question names 21Vianet, with 21Vianet in its title', () => {
    const r = kb.answer('w jakich godzinach działa pomoc 21Vianet dla ważności B');
    expect(r.source?.articleId).toBe('support-hours');
    expect(r.source?.title).toMatch(/21Vianet/);
  });

  it('gives the 21Vianet answer when the question names China rather than 21Vianet', () => {
    expect(kb.answer('jak zadzwonić do pomocy technicznej w Chinach').source?.articleId).toBe('vianet-phone');
  });

  it('answers chatty questions in everyday words', () => {
    expect(kb.answer('Ups, połączyłem Office z kontem Skype brata. Jak to odkręcić?').source?.articleId).toBe(
      'skype-office-minutes-relink',
    );
    expect(kb.answer('hej, padł nam Exchange w całej firmie w 21Vianet, jaka to ważność?').source?.articleId).toBe('severity-a');
  });

  it('never answers a price, which no article tells, but suggests what it found', () => {
    const r = kb.answer('ile kosztuje abonament kanałów Skype Connect');
    expect(r.answered).toBe(false);
    expect(r.suggestions.map((s) => s.articleId)).toContain('skype-connect-channels-what');
  });

  it('reads a price asked as what one pays as a price', () => {
    expect(kb.answer('Ile płacimy za kanał Skype Connect miesięcznie?').answered).toBe(false);
    expect(kb.answer('Ile trzeba zapłacić za jeden pakiet minut na rozmowy z USA?').answered).toBe(false);
    // What a bundle holds is a number the article tells.
    expect(kb.answer('Ile minut jest w pakiecie na rozmowy z USA?').source?.articleId).toBe('skype-connect-us-bundles');
  });

  it('answers where a cost is shown, which an article tells, though the question asks the price too', () => {
    expect(kb.answer('Gdzie zobaczę, ile kosztują pakiety minut do USA?').source?.articleId).toBe('skype-connect-us-bundles');
    expect(kb.answer('Ile kosztują pakiety minut do USA?').answered).toBe(false);
  });

  it("never answers a question about another company's product", () => {
    expect(kb.answer('jak zrezygnować z Canal+').answered).toBe(false);
  });

  it('warns against personal data in the feedback box under a Skype article, and does not answer a password reset with it', () => {
    expect(kb.answer('Mogę podać numer telefonu w opinii pod artykułem pomocy Skype?').source?.articleId).toBe(
      'skype-feedback-personal-data',
    );
    expect(kb.answer('Jak odzyskać hasło do Skype?').answered).toBe(false);
  });

  it('reads a Skype Number as a Skype product, which no article covers, not as calling numbers', () => {
    expect(terms.of('numer Skype')).toEqual(terms.of('Skype'));
    expect(terms.of('Skype Number')).toEqual(terms.of('Skype'));
    expect(kb.answer('Skąd wziąć numer Skype, na który znajomi zadzwonią z komórek?').answered).toBe(false);
  });

  it('answers no question about changing a phone number with the entry changing the number of channels', () => {
    const r = kb.answer('Jak zmienić numer telefonu w Skypie?');
    expect(r.answered).toBe(false);
    expect(kb.answer('Jak zmienić liczbę kanałów w Skype Connect?').source?.articleId).toBe('skype-connect-channels-change');
  });

  it('answers no question about a Skype Number with an article on channels, but still answers the channels', () => {
    for (const [q, locale] of [
      ['Czy numer Skype mogę przenieść do innego państwa?', 'pl'],
      ['Can I move my Skype Number to another country?', 'en'],
    ] as const) {
      const r = kb.answer(q, locale);
      expect(r.answered).toBe(false);
      expect(r.suggestions.map((s) => s.articleId)).toContain('skype-connect-channels-quantity-rules');
    }
    expect(kb.answer('Czy mogę przenieść kanały Skype Connect na inny profil SIP?').source?.articleId).toBe(
      'skype-connect-channels-quantity-rules',
    );
  });

  it('takes neither a misspelt name of ours nor a polite capitalised pronoun for another product', () => {
    for (const q of [
      'Ile minut na Skype daje Ofice 365 Home?',
      'Ile minut na Skyep daje Office 365 Home?',
      'Ile minut na Skype daje Wam Office 365 Home?',
    ]) {
      const r = kb.answer(q);
      expect(r.source?.articleId).toBe('skype-office-minutes-what');
    }
  });
});

describe('question kinds', () => {
  it('tells a question for a number, a time, a person, a place or a way apart, in Polish and English', () => {
    expect([...questionKinds('Ile kanałów mogę kupić?')]).toEqual(['count']);
    expect([...questionKinds('How many channels can I buy?')]).toEqual(['count']);
    expect([...questionKinds('Kiedy wygasają minuty?')]).toEqual(['time']);
    expect([...questionKinds('Ile to normalnie trwa?')]).toEqual(['time']);
    expect([...questionKinds('Kto może zgłosić problem?')]).toEqual(['who']);
    expect([...questionKinds('Gdzie sprawdzę saldo?')]).toEqual(['where']);
    expect([...questionKinds('Jak anulować abonament?')]).toEqual(['how']);
    expect([...questionKinds('Od czego mam zacząć, żeby włączyć minuty?')]).toEqual(['how']);
    expect(questionKinds('numer telefonu pomocy').size).toBe(0);
    expect([...questionKinds('Ile kosztuje jeden kanał?')]).toEqual(['price']);
    expect([...questionKinds('How much does a channel cost?')]).toEqual(['price']);
    expect([...questionKinds('Ile trzeba zapłacić za kanał?')]).toEqual(['price']);
    expect([...questionKinds('How much do I have to pay for a channel?')]).toEqual(['price']);
  });

  it('reads a share asked for as a number, as "ile procent" is', () => {
    expect([...questionKinds('Jaki procent rozmów jest darmowy?')]).toEqual(['count']);
    expect([...questionKinds('Jaki jest średni odsetek odrzuconych połączeń?')]).toEqual(['count']);
    expect([...questionKinds('What percentage of calls are free?')]).toEqual(['count']);
    expect([...questionKinds('Jaki plan wybrać?')]).toEqual([]);
  });

  it('reads "when I…", "when adding…" as a condition, not a question about time', () => {
    expect([...questionKinds('When will the minutes expire?')]).toEqual(['time']);
    expect(questionKinds('When adding channels, will I see the price first?').size).toBe(0);
    expect(questionKinds('Can I get help when I am not an admin?').size).toBe(0);
    expect([...questionKinds('W jakie dni działa pomoc?')]).toEqual(['time']);
    expect([...questionKinds('Na jaki okres kupuje się abonament?')]).toEqual(['time']);
    expect([...questionKinds('Z iloma krajami się połączę?')]).toEqual(['count']);
    expect([...questionKinds('Z kim mam się skontaktować?')]).toEqual(['who']);
    expect([...questionKinds('Dokąd mam zadzwonić?')]).toEqual(['where']);
    expect([...questionKinds('Z których państw nie zadzwonię?')]).toEqual(['where']);
    expect([...questionKinds('W jakim kraju to nie działa?')]).toEqual(['where']);
    expect(questionKinds('Do jakich krajów zadzwonię?').size).toBe(0);
  });

  it('reads "w jakim terminie", "po jakim czasie", "w ile dni", "ile to potrwa" as asking a time, not a number', () => {
    expect([...questionKinds('Zgłoszeniom krytycznym odpowiadacie w jakim terminie?')]).toEqual(['time']);
    expect([...questionKinds('Po jakim czasie ktoś odpisze?')]).toEqual(['time']);
    expect([...questionKinds('W ile dni dostanę odpowiedź?')]).toEqual(['time']);
    expect([...questionKinds('Po ilu dniach wygasa abonament?')]).toEqual(['time']);
    expect([...questionKinds('Ile trwa ważność abonamentu?')]).toEqual(['time']);
    expect([...questionKinds('Ile to ma trwać?')]).toEqual(['time']);
    expect([...questionKinds('Ile poczekam na kontakt?')]).toEqual(['time']);
    expect([...questionKinds('Ile czasu zajmuje przeniesienie?')]).toEqual(['time']);
    expect([...questionKinds('W ile odpisujecie?')]).toEqual(['time']);
    expect([...questionKinds('W ilu krajach działa?')]).toEqual(['count']);
    expect([...questionKinds('Ile kanałów mogę mieć?')]).toEqual(['count']);
  });

  it('reads a plan "bez limitu" as asking no number, and "jak nie…" as a condition, not a way', () => {
    expect([...questionKinds('Mam plan bez limitu na Polskę, gdzie sprawdzę saldo?')]).toEqual(['where']);
    expect([...questionKinds('Jaki jest limit kanałów?')]).toEqual(['count']);
    expect([...questionKinds('Abonamenty limitowane czy nielimitowane: które Skype zużywa najpierw?')]).toEqual([]);
    expect(questionKinds('Co zrobić, jak nie jestem administratorem?').size).toBe(0);
    expect([...questionKinds('Jak nie odpowiedzą w terminie, do kogo mam pisać?')]).toEqual(['who']);
  });

  it('reads "jak się nazywa" as asking a name, not a way of doing something', () => {
    expect(questionKinds('Jak się nazywa ten przycisk?').size).toBe(0);
    expect(questionKinds('Jak nazywa się opcja zakupu kanałów?').size).toBe(0);
    expect([...questionKinds('Jak nazwać profil SIP?')]).toEqual(['how']);
  });

  it('reads a question word with the emphatic "-ż" as the word ("ileż minutek" asks how many minutes)', () => {
    expect([...questionKinds('Ileż minutek dostanę?')]).toEqual(['count']);
    expect([...questionKinds('Gdzież to sprawdzę?')]).toEqual(['where']);
    expect(terms.of('ileż minutek')).toEqual(terms.of('ile minut'));
  });

  it('reads "kogo", "komu", "kim" as "kto": "do kogo się zwrócić" meets "kto pomoże"', () => {
    expect(terms.of('kogo')).toEqual(terms.of('kto'));
    expect(terms.of('komu przysługuje')).toEqual(terms.of('kto przysługuje'));
    expect(terms.of('z kim')).toEqual(terms.of('kto'));
  });

  it('says whether an entry asks the same kind, and is neutral for a question without a question word', () => {
    expect(kindAgreement(new Set(['count']), new Set(['count', 'how']))).toBe(1);
    expect(kindAgreement(new Set(['count']), new Set(['how']))).toBe(0);
    expect(kindAgreement(new Set(), new Set(['how']))).toBe(0.5);
  });
});

describe('splitFacts', () => {
  it('splits sentences and numbered steps, keeping short pieces with the one before', () => {
    expect(
      splitFacts('Nie. Niewykorzystane minuty wygasają z końcem miesiąca. 1) Wejdź na stronę konta Skype. 2) Kliknij „Dalej”. Gotowe.'),
    ).toEqual([
      'Nie. Niewykorzystane minuty wygasają z końcem miesiąca.',
      '1) Wejdź na stronę konta Skype.',
      '2) Kliknij „Dalej”. Gotowe.',
    ]);
  });

  it('reads a number closing a parenthesis as no step', () => {
    expect(splitFacts('Skype nie łączy z numerami alarmowymi (np. 112) – w nagłym wypadku użyj telefonu.')).toHaveLength(1);
  });
});

describe('quoting the fact asked about', () => {
  const quoted = (q: string): string => kb.answer(q, 'pl').answer.split('\n\n')[0]!;

  it('quotes the list holding the country named, not the shorter sentence after it', () => {
    expect(quoted('Jestem w Namibii, zadziałają tu minuty Skype z Office?')).toMatch(/Namibii/);
  });

  it('quotes an example under the heading of the answer, which says what it is an example of', () => {
    expect(quoted('Użytkownikowi nie da się skasować danych kontaktowych w Exchange Online, jaka ważność w 21Vianet?')).toMatch(
      /^Ważność C \(niekrytyczna\): … Przykłady:/,
    );
  });

  it('quotes the path of steps between the ones a question asking where names', () => {
    expect(quoted('Skype Manager: gdzie tam jest Skype Connect?')).toMatch(/Produkty.*Skype Connect/);
  });

  it('quotes the fact stating the number asked for', () => {
    expect(quoted('Jaki jest limit kanałów w Skype Connect?')).toMatch(/300/);
  });
});

describe('factToQuote', () => {
  const fact = (text: string, similarity: number) => ({ text, terms: new Set(terms.of(text)), similarity });

  it('quotes a fact pointing back ("Z tych krajów…") with the one it points to', () => {
    const facts = [fact('Nie działa z Algierii i Libanu.', 0.2), fact('Z tych krajów dzwonienie nie działa.', 0.6)];
    expect(factToQuote(facts, terms.of('dzwonienie nie działa'), () => 1, { count: false, where: false })?.text).toBe(
      'Nie działa z Algierii i Libanu. Z tych krajów dzwonienie nie działa.',
    );
  });
});

describe('headingOf', () => {
  it('reads a label the title names as the heading of the whole answer', () => {
    expect(headingOf('Ważność B (wysoka): usługa działa. Przykłady: przycisk.', 'Co oznacza ważność B (wysoka)?')).toBe(
      'Ważność B (wysoka)',
    );
  });

  it('reads the first label of a list as no heading', () => {
    expect(headingOf('Severity A: 24/7. Severity B: business hours.', 'Support hours for severity A, B and C')).toBeUndefined();
  });
});

describe('English parity', () => {
  it('gives every entry an English title and answer', () => {
    const missing = kb.entries.filter((e) => !e.titleEn || !e.answerEn).map((e) => e.id);
    expect(missing).toEqual([]);
  });

  it.each([
    ['If I reduce the number of channels do I get a refund?', 'skype-connect-channels-change-rules'],
    ['I want to stop paying for Skype Connect channels', 'skype-connect-channels-cancel'],
    ['Can I call toll-free or premium numbers with the Office minutes?', 'skype-office-minutes-excluded-numbers'],
    ['How fast does 21Vianet respond to a severity A case?', 'response-times'],
    ['Will I get my money back if I downgrade my channels?', 'skype-connect-channels-change-rules'],
    ['Does 21Vianet support fix our LAN?', 'vianet-scope-network'],
  ])("answers an English question in a customer's own words with the article it asks about: %s", (question, id) => {
    const r = kb.answer(question, 'en');
    expect(r.answered).toBe(true);
    expect(r.source?.articleId).toBe(id);
  });

  it.each([
    ['Can I dial 112 with Skype?', 'skype-emergency-numbers'],
    ['Can I use the Office minutes to phone someone in Egypt?', 'skype-office-minutes-blocked-countries'],
  ])('counts a synonym of what an entry says as said (dial, phone for call): %s', (question, id) => {
    const r = kb.answer(question, 'en');
    expect(r.answered).toBe(true);
    expect(r.source?.articleId).toBe(id);
  });

  it.each([
    ['Is it possible to make emergency calls through Skype?', 'skype-emergency-numbers'],
    ["What happens to minutes I don't use?", 'skype-office-minutes-expiry'],
  ])('reads past "is it possible to" and contractions: %s', (question, id) => {
    const r = kb.answer(question, 'en');
    expect(r.answered).toBe(true);
    expect(r.source?.articleId).toBe(id);
  });

  it.each([
    ['Is 21Vianet support open 24/7?', 'support-hours'],
    ['Can I get Skype minutes with Microsoft 365 Family?', 'skype-office-minutes-eligible-plans'],
    ['How quickly will 21Vianet get back to me on a high severity issue?', 'response-times'],
  ])('knows English shorthand and idioms ("24/7", "get back to me", Microsoft 365 Family): %s', (question, id) => {
    const r = kb.answer(question, 'en');
    expect(r.answered).toBe(true);
    expect(r.source?.articleId).toBe(id);
  });

  it('reads "connected my Skype account" as linking accounts, not as Skype Connect', () => {
    expect(terms.ofQuestion('I connected my Skype account')).not.toContain('connect');
    expect(terms.ofQuestion('Skype Connect channels')).toContain('connect');
    const r = kb.answer("Accidentally connected my wife's Skype account to my Office. Can I change it?", 'en');
    expect(r.source?.articleId ?? '').not.toMatch(/^skype-connect/);
  });

  it('answers a question wrapped in English courtesy as surely as the bare question', () => {
    const bare = kb.answer('How long is a channel subscription valid?', 'en');
    const chatty = kb.answer('Sorry to bother you, any idea how long a channel subscription is valid? Cheers, many thanks', 'en');
    expect(chatty.source?.articleId).toBe('skype-connect-channels-renewal');
    expect(chatty.confidence).toBe(bare.confidence);
  });

  it('answers and suggests in English only, in an English chat', () => {
    const answered = kb.answer('From which countries can I not use my Skype minutes from Office?', 'en');
    expect(answered.source?.title).toBe("From which countries can't I use Skype minutes from Office?");
    expect(answered.answer).toMatch(/Qatar/);
    expect(answered.answer).not.toMatch(/Kataru/);
    const suggested = kb.answer('skype subscription', 'en');
    for (const s of suggested.suggestions) expect(s.question).toBe(kb.entry(s.articleId)!.titleEn);
  });
});
