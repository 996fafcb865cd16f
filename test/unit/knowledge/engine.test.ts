import { createKnowledgeBase, loadKnowledgeBase } from '../../../knowledge/knowledgeBase';
import type { KbEntry } from '../../../knowledge/types';
import { DEFAULT_RULE, leads, SearchEngine } from '../../../knowledge/search/engine';

const kb = loadKnowledgeBase();

/** A one-phrasing entry of a small test base. */
const entry = (id: string, title: string, alternates: string[], answer: string): KbEntry => ({
  id,
  title,
  alternates,
  answer,
  tags: [],
  source: 'test',
  file: 'test.yaml',
});

describe('retrieval on the product knowledge base', () => {
  const topOf = (q: string, locale: 'pl' | 'en' = 'pl') => {
    const r = kb.answer(q, locale);
    return { id: r.answered ? r.source?.articleId : null, r };
  };

  it.each([
    ['inflected', 'rezygnacją z kanałami skype connect', 'skype-connect-channels-cancel'],
    ['no diacritics', 'jak anulowac kanaly skype connect', 'skype-connect-channels-cancel'],
    ['typos', 'abonamnet kanałów skype conect anulowanie', 'skype-connect-channels-cancel'],
    ['synonym (wypowiedzenie)', 'wypowiedzenie kanałów skype connect', 'skype-connect-channels-cancel'],
    ['short English', 'How do I cancel Skype Connect channels', 'skype-connect-channels-cancel'],
    ['English severity', 'what is severity A', 'severity-a'],
    ['a phone number by country', 'numer telefonu pomocy w Kanadzie', 'm365-phone-numbers'],
    ['emergency numbers', 'czy ze skype zadzwonię na pogotowie', 'skype-emergency-numbers'],
  ])('answers a %s question with the right entry', (_kind, question, expected) => {
    expect(topOf(question).id).toBe(expected);
  });

  it('tells severity grades apart by their letter', () => {
    expect(topOf('ważność B przykłady').id).toBe('severity-b');
    expect(topOf('ważność C przykłady').id).toBe('severity-c');
  });

  it('answers in English when asked with locale en and the entry has an English answer', () => {
    const r = kb.answer('How do I cancel Skype Connect channels', 'en');
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/Cancel subscription/);
  });

  it.each([
    'jaka jutro pogoda',
    'przepis na bigos',
    'jak anulować subskrypcję Disney+',
    'ile kosztuje iPhone',
    // Other companies' products, asked in words our entries use: the unknown name decides.
    'jak zrezygnować z Canal+',
    'jak anulować abonament w Play',
  ])('does not answer an out-of-scope question: %s', (question) => {
    const r = kb.answer(question);
    expect(r.answered).toBe(false);
    expect(r.source).toBeNull();
  });

  // "co" is kept for what it asks, and the base says "co miesiąc": question words alone name nothing.
  it('neither answers nor suggests for question words alone ("i co?", "co teraz", "i co" 200 times)', () => {
    for (const question of ['i co', 'i co i co i co', 'no i co?', 'i co '.repeat(200), 'co teraz', 'nie'])
      expect({ question, ...kb.answer(question) }).toMatchObject({ question, answered: false, suggestions: [] });
  });

  it('gives confidences in [0, 1], suggestions at most four, with clean titles', () => {
    for (const q of ['skype', 'pomoc', 'abonament', 'ile kosztuje abonament kanałów', 'x']) {
      const r = kb.answer(q);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(r.suggestions.length).toBeLessThanOrEqual(4);
      for (const s of r.suggestions) expect(s.question).toBe(kb.entry(s.articleId)?.title);
    }
  });

  it("offers up to two related entries beside an answer, titled in the chat's language, and none beside suggestions", () => {
    const pl = kb.answer('Ile minut Skype mam w Office 365?');
    expect(pl.answered).toBe(true);
    expect(pl.related.length).toBeGreaterThan(0);
    expect(pl.related.length).toBeLessThanOrEqual(2);
    expect(pl.related.map((s) => s.articleId)).not.toContain(pl.source!.articleId);
    for (const s of pl.related) expect(s.question).toBe(kb.entry(s.articleId)?.title);
    const en = kb.answer('How do I activate Skype minutes?', 'en');
    expect(en.related.length).toBeGreaterThan(0);
    for (const s of en.related) expect(s.question).toBe(kb.entry(s.articleId)?.titleEn);
    for (const q of ['skype', 'abonament', 'przepis na bigos']) {
      const r = kb.answer(q);
      if (!r.answered) expect(r.related).toEqual([]);
    }
  });

  it('offers the entry answering the other question of a two-question message beside the answer', () => {
    const cancel = 'Jak anulować abonament kanałów Skype Connect?';
    const phones = 'Gdzie sprawdzę numery telefonów pomocy Microsoft 365?';
    const alone = kb.answer(phones);
    expect(alone.answered).toBe(true);
    const both = kb.answer(`${cancel} ${phones}`);
    expect(both.source?.articleId).toBe(kb.answer(cancel).source?.articleId);
    expect(both.related[0]?.articleId).toBe(alone.source?.articleId);
    const joined = kb.answer('Ile kanałów Skype Connect potrzebujemy i jak je kupić?');
    expect(joined.source?.articleId).toBe('skype-connect-channels-how-many');
    expect(joined.related.map((s) => s.articleId)).toContain('skype-connect-channels-buy');
    // A severity and when support replies: one half is answered, the other offered.
    const severity = kb.answer('Co to jest ważność B w 21Vianet i ile czekam na odpowiedź?');
    expect([severity.source?.articleId, ...severity.related.map((s) => s.articleId)]).toEqual(
      expect.arrayContaining(['response-times', 'severity-b']),
    );
  });

  it("answers every entry's own title (a picked suggestion or related button) with that entry", () => {
    for (const e of kb.entries) {
      expect(kb.answer(e.title, 'pl').source?.articleId).toBe(e.id);
      expect(kb.answer(e.titleEn ?? e.title, 'en').source?.articleId).toBe(e.id);
    }
  });

  it('answers the same whatever the blanks between and around the words', () => {
    // "How long" is a question phrase: a doubled space once made it another kind of question.
    const question = 'How long is a newly purchased Skype Connect channel subscription valid?';
    const fresh = createKnowledgeBase([...kb.entries]);
    const spaced = fresh.answer(` How  long is a newly\tpurchased Skype Connect  channel subscription valid? `, 'en');
    expect(spaced).toEqual(kb.answer(question, 'en'));
    expect(spaced.answered).toBe(true);
    // One cached answer serves both spellings.
    expect(fresh.answer(question, 'en')).toBe(spaced);
  });

  it('finds an entry by id, and nothing for an unknown id', () => {
    expect(kb.entry('severity-a')?.title).toMatch(/ważność A/);
    expect(kb.entry('no-such-entry')).toBeUndefined();
  });
});

describe('abstain rule', () => {
  const small = createKnowledgeBase([
    // Two entries that differ only in what is cancelled: a question that does not say which is a tie.
    entry(
      'cancel-channels',
      'Jak anulować abonament kanałów Skype?',
      ['rezygnacja z kanałów skype'],
      'Abonament kanałów anulujesz w profilu SIP.',
    ),
    entry(
      'cancel-minutes',
      'Jak anulować abonament minut Skype?',
      ['rezygnacja z minut skype'],
      'Abonament minut anulujesz na koncie Skype.',
    ),
    entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.'),
  ]);

  it('answers a question that clearly matches one entry', () => {
    const r = small.answer('rezygnacja z kanałów skype');
    expect(r).toMatchObject({ answered: true, source: { articleId: 'cancel-channels' }, suggestions: [] });
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it('offers suggestions instead of guessing when two entries fit about as well', () => {
    const r = small.answer('jak anulować abonament skype');
    expect(r.answered).toBe(false);
    expect(r.source).toBeNull();
    expect(r.answer).toMatch(/Czy chodziło Ci o/);
    expect(r.suggestions.map((s) => s.articleId)).toEqual(expect.arrayContaining(['cancel-minutes', 'cancel-channels']));
  });

  it('says the question is not covered, with no suggestions, when nothing fits', () => {
    const r = small.answer('przepis na bigos');
    expect(r).toMatchObject({ answered: false, source: null, suggestions: [], related: [] });
    expect(r.answer).toMatch(/Nie znalazłem odpowiedzi/);
    expect(small.answer('przepis na bigos', 'en').answer).toMatch(/could not find/);
  });

  it('is not covered for a question with no content words at all', () => {
    expect(small.answer('?!').answered).toBe(false);
    expect(small.answer('?!').confidence).toBe(0);
  });
});

describe('the sentence that asks', () => {
  const kb = createKnowledgeBase([
    entry(
      'outage',
      'Co zrobić, gdy w całej firmie nie działa poczta?',
      ['awaria poczty w firmie'],
      'Sprawdź stan usługi w centrum administracyjnym.',
    ),
    entry('response', 'Jak szybko odpowiada pomoc techniczna?', ['czas odpowiedzi pomocy'], 'Pomoc odpowiada w ciągu godziny.'),
  ]);

  it('ranks first the entry for what is asked, not for the context told before it', () => {
    // The context has more words than the question: on the whole message the outage wins.
    expect(kb.rank('W całej firmie nie działa poczta od rana. Jak szybko odpowiada pomoc?').map((e) => e.id)).toEqual([
      'response',
      'outage',
    ]);
  });
});

describe('the kind of question asked', () => {
  const kb = createKnowledgeBase([
    entry(
      'use',
      'Jak korzystać z minut na rozmowy w planie domowym?',
      ['jak dzwonić z minut planu domowego'],
      'Minuty działają w aplikacji.',
    ),
    entry('minutes', 'Ile minut na rozmowy jest w planie?', ['ile minut daje plan'], 'Plan daje 60 minut miesięcznie.'),
  ]);

  it('ranks first the near duplicate whose phrasings ask the same kind of question', () => {
    // On words alone "domowy" ranks the entry on using the minutes first.
    expect(kb.rank('ile minut ma plan domowy').map((e) => e.id)).toEqual(['minutes', 'use']);
    expect(kb.rank('jak korzystać z minut w planie domowym').map((e) => e.id)[0]).toBe('use');
  });
});

describe('a sure near tie whose runner-up adds what was not asked', () => {
  it('is answered, with the runner-up offered beside the answer', () => {
    // Activating the minutes, and activating them without a Skype account: the two entries
    // score within 0.02, but the question says nothing of the second one's missing account.
    const question = 'jak aktywować minuty skype z office 365';
    const r = kb.answer(question);
    expect(r).toMatchObject({ answered: true, source: { articleId: 'skype-office-minutes-activate' } });
    expect(r.related.map((s) => s.articleId)).toContain('skype-office-minutes-no-skype-account');
  });
});

describe('entries that score alike', () => {
  it('come first by the phrasing the question says more of, and the sure first one answers', () => {
    // Both score the same; the entry for users without a Skype account adds what was not asked.
    const question = 'jak aktywować minuty skype w office';
    expect(kb.rank(question).map((e) => e.id)[0]).toBe('skype-office-minutes-activate');
    expect(kb.answer(question)).toMatchObject({ answered: true, source: { articleId: 'skype-office-minutes-activate' } });
  });
});

describe('a near tie whose runner-up the question says more of', () => {
  const kb = createKnowledgeBase([
    entry('link', 'Jak połączyć konto Office z kontem Skype?', [], 'Wybierz Połącz w ustawieniach.'),
    entry(
      'relink',
      'Jak połączyć konto Office z innym kontem Skype?',
      ['połączyć konto office z nowym kontem skype', 'konto office z drugim kontem skype'],
      'Odłącz dotychczasowe konto Skype od konta Office i połącz z nim nowe konto Skype.',
    ),
    entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.'),
    entry('phone', 'Jaki jest numer telefonu pomocy?', ['telefon do pomocy'], 'Numer znajdziesz na stronie pomocy.'),
    entry('cancel', 'Jak anulować abonament minut?', ['rezygnacja z minut'], 'Minuty anulujesz na koncie.'),
  ]);

  it('answers the runner-up, whose phrasing adds nothing the question does not say', () => {
    // On words the entry for linking another account is just ahead: its phrasings share more.
    const question = 'jak połączyć konto office ze skype';
    expect(kb.rank(question)[0]?.id).toBe('relink');
    const r = kb.answer(question);
    expect(r).toMatchObject({ answered: true, source: { articleId: 'link' } });
    expect(r.related.map((s) => s.articleId)).toContain('relink');
  });
});

describe('a near tie parted by the kind of question', () => {
  // Two entries in the same words, one telling how the subscription renews, one when.
  const kb = createKnowledgeBase([
    entry(
      'renew-how',
      'Jak odnawia się abonament kanałów?',
      ['jak odnawia się abonament kanałów skype'],
      'Abonament kanałów odnawia się sam.',
    ),
    entry(
      'renew-when',
      'Kiedy odnawia się abonament kanałów?',
      ['kiedy odnawia się abonament kanałów skype'],
      'Abonament kanałów odnawia się co 30 dni.',
    ),
    entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.'),
    entry('phone', 'Jaki jest numer telefonu pomocy?', ['telefon do pomocy'], 'Numer znajdziesz na stronie pomocy.'),
    entry('cancel', 'Jak anulować abonament minut?', ['rezygnacja z minut'], 'Minuty anulujesz na koncie.'),
  ]);

  it('answers with the entry whose phrasings ask what the question asks, though its words fit no better', () => {
    // "O której" asks a time, as only the "kiedy" entry's phrasings do; on words alone it is behind.
    const r = kb.answer('o której odnawia się abonament kanałów skype');
    expect(r).toMatchObject({ answered: true, source: { articleId: 'renew-when' } });
    expect(r.related.map((s) => s.articleId)).toContain('renew-how');
  });
});

describe('a question asking how to do what the entry never mentions', () => {
  // "wideo" is a word of the base (the hours entry's answer), but not of the activation entry.
  const kb = createKnowledgeBase([
    entry(
      'activate',
      'Jak aktywować minuty Skype?',
      ['aktywacja minut skype', 'jak włączyć minuty w skype'],
      'Zaloguj się na stronie Skype i kliknij Aktywuj minuty.',
    ),
    entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę, także na czacie wideo.'),
    entry('phone', 'Jaki jest numer telefonu pomocy?', ['telefon do pomocy'], 'Numer znajdziesz na stronie pomocy.'),
  ]);

  it('is offered, not answered, unless the model is sure', () => {
    const r = kb.answer('Jak włączyć wideo w programie Skype na telefonie?');
    expect(r).toMatchObject({ answered: false, source: null });
    expect(r.suggestions.map((s) => s.articleId)).toEqual(['activate']);
    // "telefon" is as rare and missing too, but the model is sure of the minutes.
    expect(kb.answer('Jak włączyć minuty w programie Skype na telefonie?')).toMatchObject({
      answered: true,
      source: { articleId: 'activate' },
    });
  });
});

describe('words derived from the entry’s own', () => {
  const kb = createKnowledgeBase([
    entry('renew', 'Jak odnawia się abonament kanałów?', ['odnowienie abonamentu kanałów'], 'Abonament kanałów odnawia się sam co 30 dni.'),
    entry('limit', 'Ile wynosi limit minut?', ['limit minut na rozmowy'], 'Limit to 60 minut miesięcznie.'),
    entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.'),
    entry('phone', 'Jaki jest numer telefonu pomocy?', ['telefon do pomocy'], 'Numer znajdziesz na stronie pomocy.'),
    entry('cancel', 'Jak anulować abonament minut?', ['rezygnacja z minut'], 'Minuty anulujesz na koncie.'),
  ]);

  it.each([
    // An adjective made of a noun ("kanałowy" of "kanał"), a participle of another ("limitowany" of "limit").
    ['odnawianie kanałowego abonamentu', 'renew'],
    ['limitowane minuty?', 'limit'],
  ])('answers "%s" with the entry whose words it is derived from', (question, id) => {
    expect(kb.answer(question)).toMatchObject({ answered: true, source: { articleId: id } });
  });
});

describe('an English question', () => {
  // Polish phrasings only, as most entries have: an English question meets its words in the English answer.
  const english = (id: string, title: string, alternates: string[], answer: string, answerEn: string): KbEntry => ({
    ...entry(id, title, alternates, answer),
    answerEn,
  });
  const kb = createKnowledgeBase([
    english(
      'renew',
      'Jak odnawia się abonament kanałów?',
      ['odnowienie abonamentu kanałów'],
      'Abonament kanałów odnawia się sam co 30 dni.',
      'The channel subscription renews itself every 30 days.',
    ),
    english(
      'limit',
      'Ile wynosi limit minut?',
      ['limit minut na rozmowy'],
      'Limit to 60 minut miesięcznie.',
      'The limit is 60 minutes a month.',
    ),
    english('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.', 'Around the clock.'),
    english(
      'cancel',
      'Jak anulować abonament minut?',
      ['rezygnacja z minut'],
      'Minuty anulujesz na koncie.',
      'You cancel the minutes in your account.',
    ),
  ]);

  it('is answered from the words of the English answer', () => {
    expect(kb.answer('how often does the subscription renew itself', 'en')).toMatchObject({
      answered: true,
      source: { articleId: 'renew' },
    });
  });
});

describe('a question whose premise an entry contradicts', () => {
  // A how-to, and the entry saying which plans have what the how-to turns on.
  const activate = entry(
    'activate',
    'Jak włączyć minuty na rozmowy w planie?',
    ['jak aktywować minuty na rozmowy', 'włączenie minut na rozmowy w planie'],
    'Zaloguj się na konto planu i kliknij Aktywuj minuty.',
  );
  const plans = {
    ...entry(
      'plans',
      'Które plany mają minuty na rozmowy?',
      ['czy każdy plan ma minuty'],
      'Minuty są tylko w planie Home. Nie ma ich w planach dla firm.',
    ),
    excludes: ['Business', 'dla firm'],
  };
  const others = [
    entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.'),
    entry('phone', 'Jaki jest numer telefonu pomocy?', ['telefon do pomocy'], 'Numer znajdziesz na stronie pomocy.'),
  ];
  const kb = createKnowledgeBase([activate, plans, ...others]);

  it('ranks first the entry excluding a group the question names, however the how-to scores', () => {
    expect(kb.rank('Jak włączyć minuty na rozmowy w planie?').map((e) => e.id)[0]).toBe('activate');
    expect(kb.rank('Mamy plan Business. Jak włączyć minuty na rozmowy w planie?').map((e) => e.id)[0]).toBe('plans');
    expect(kb.rank('Mamy plan dla firm, jak włączyć minuty na rozmowy?').map((e) => e.id)[0]).toBe('plans');
  });

  it('answers with that entry when the model is sure of the question for the article', () => {
    expect(kb.answer('Mamy plan Business. Jak włączyć minuty na rozmowy w planie?')).toMatchObject({
      answered: true,
      source: { articleId: 'plans' },
    });
  });

  it('reads an excluded name as a run of words: "dla" and "firm" apart name no group', () => {
    expect(kb.rank('Pracuję dla dużej firmy, jak włączyć minuty na rozmowy w planie?').map((e) => e.id)[0]).toBe('activate');
  });

  it("leaves another article's exclusions alone", () => {
    const elsewhere = createKnowledgeBase([activate, { ...plans, file: 'other.yaml' }, ...others]);
    expect(elsewhere.rank('Mamy plan Business. Jak włączyć minuty na rozmowy w planie?').map((e) => e.id)[0]).toBe('activate');
  });
});

describe('a near tie between two entries of one article', () => {
  const tie = { margin: 0.005, coverageLead: 0, unaskedPrice: false, kindParts: false, saysMore: true, asksLead: false };

  it('is answered when the model is clearly surer of the first, whose phrasing the question says more of', () => {
    expect(leads({ ...tie, siblingLead: false }, 0.6, DEFAULT_RULE)).toBe(false);
    expect(leads({ ...tie, siblingLead: true }, 0.6, DEFAULT_RULE)).toBe(true);
    expect(leads({ ...tie, siblingLead: true, unaskedPrice: true }, 0.6, DEFAULT_RULE)).toBe(false);
  });

  it('parts only entries of the same article: another article is no sibling', () => {
    const activate = (file: string): KbEntry => ({
      ...entry(
        'activate',
        'Jak włączyć minuty Skype w koncie Office?',
        ['włączenie minut skype w koncie office'],
        'Minuty włączysz w sekcji Usługi konta Office: kliknij Włącz minuty.',
      ),
      file,
    });
    const noAccount = entry(
      'no-account',
      'Jak włączyć minuty Skype w koncie Office bez konta Skype?',
      ['włączenie minut skype bez konta skype'],
      'Bez konta Skype najpierw załóż konto, potem włącz minuty w koncie Office.',
    );
    const rest = [entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.')];
    const question = 'gdzie kliknąć włącz minuty skype w koncie office';
    const [same] = new SearchEngine([activate('test.yaml'), noAccount, ...rest]).rank(question);
    expect(same).toMatchObject({ entry: { id: 'activate' }, saysMore: true, siblingLead: true });
    const [other] = new SearchEngine([activate('other.yaml'), noAccount, ...rest]).rank(question);
    expect(other).toMatchObject({ entry: { id: 'activate' }, siblingLead: false });
  });
});

describe('a message telling its situation before it asks', () => {
  const engine = new SearchEngine([
    entry(
      'outage',
      'Co zrobić, gdy w całej firmie nie działa poczta?',
      ['awaria poczty w całej firmie'],
      'Zgłoś awarię poczty jako sprawę krytyczną.',
    ),
    entry(
      'grade',
      'Czy awaria poczty w firmie dostanie ważność A?',
      ['kiedy sprawa dostaje ważność A'],
      'Ważność A dostaje sprawa krytyczna.',
    ),
    entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.'),
  ]);

  it('marks the first entry that accounts for more of the sentence that asks than the others', () => {
    const [first] = engine.rank('W całej firmie nie działa poczta. Czy dostaniemy ważność A?');
    expect(first).toMatchObject({ entry: { id: 'grade' }, asksLead: true });
  });

  it('marks nothing in a message that only asks', () => {
    expect(engine.rank('Czy dostaniemy ważność A?')[0]).toMatchObject({ entry: { id: 'grade' }, asksLead: false });
  });

  it('answers a near tie that the sentence asking parts', () => {
    const tie = { margin: 0.005, coverageLead: -0.1, unaskedPrice: false, kindParts: false, saysMore: false, siblingLead: false };
    expect(leads({ ...tie, asksLead: false }, 0.6, DEFAULT_RULE)).toBe(false);
    expect(leads({ ...tie, asksLead: true }, 0.6, DEFAULT_RULE)).toBe(true);
    expect(leads({ ...tie, asksLead: true, unaskedPrice: true }, 0.6, DEFAULT_RULE)).toBe(false);
  });
});

describe('a question naming a product the entry’s article is not about', () => {
  const inFile = (file: string, e: KbEntry): KbEntry => ({ ...e, file });
  const kb = createKnowledgeBase([
    inFile(
      'connect.yaml',
      entry(
        'refund',
        'Czy dostanę zwrot pieniędzy za kanały Skype Connect?',
        ['zwrot pieniędzy za kanały', 'zwrot za abonament kanałów skype connect'],
        'Za zmniejszony abonament kanałów Skype Connect nie ma zwrotu pieniędzy.',
      ),
    ),
    inFile('connect.yaml', entry('channels', 'Ile kanałów ma Skype Connect?', ['limit kanałów'], 'Skype Connect ma do 300 kanałów.')),
    inFile('office.yaml', entry('minutes', 'Ile minut daje Office 365?', ['minuty w office 365'], 'Office 365 daje 60 minut.')),
    inFile('desk.yaml', entry('hours', 'W jakich godzinach działa pomoc?', ['godziny pracy pomocy'], 'Całą dobę.')),
  ]);

  it('is not answered with that article’s entry', () => {
    expect(kb.answer('Czy dostanę zwrot pieniędzy za kanały Skype Connect?')).toMatchObject({
      answered: true,
      source: { articleId: 'refund' },
    });
    const r = kb.answer('Czy dostanę zwrot pieniędzy za Office 365?');
    expect(r).toMatchObject({ answered: false, source: null });
  });

  it('is answered by an article that names no product', () => {
    expect(kb.answer('W jakich godzinach działa pomoc Office 365?')).toMatchObject({ answered: true, source: { articleId: 'hours' } });
  });
});

describe('a question about a thing the entry never mentions', () => {
  it('is offered, not answered, when the model is not sure of the entry', () => {
    // Files are no matter of the minutes entry, which shares "ile", "Office 365 Personal".
    const r = kb.answer('Ile plików mogę zapisać w Office 365 Personal?');
    expect(r).toMatchObject({ answered: false, source: null });
    expect(r.suggestions.map((s) => s.articleId)).toContain('skype-office-minutes-what');
    expect(kb.answer('Ile minut Skype daje Office 365 Personal?')).toMatchObject({
      answered: true,
      source: { articleId: 'skype-office-minutes-what' },
    });
  });

  it('needs a surer model when the thing is a word the base never uses, too long to be a typo', () => {
    // Reminders are nothing the service health entry (or any other) tells how to set.
    expect(kb.answer('Jak ustawić przypomnienia mailowe o awariach w panelu kondycji usług?')).toMatchObject({
      answered: false,
      source: null,
    });
    expect(kb.answer('Jak sprawdzić awarie w panelu kondycji usług?')).toMatchObject({
      answered: true,
      source: { articleId: 'm365-service-health' },
    });
  });

  it('needs a still surer model for a thing the base names elsewhere, no typo of a word it uses', () => {
    // A password is nothing the online request entry tells how to change, however much else they share.
    expect(kb.answer('Jak zmienić hasło użytkownika w centrum administracyjnym Microsoft 365?')).toMatchObject({
      answered: false,
      source: null,
    });
    expect(kb.answer('Jak otworzyć zgłoszenie w centrum administracyjnym Microsoft 365?')).toMatchObject({
      answered: true,
      source: { articleId: 'm365-online-request' },
    });
  });

  it('needs a surer model when the base speaks of that thing elsewhere', () => {
    // Countries are the minutes' matter, not the channel subscription's.
    expect(kb.answer('Jak zmienić kraj w profilu SIP Skype Connect?')).toMatchObject({ answered: false, source: null });
    expect(kb.answer('Jak zmienić abonament kanałów w profilu SIP?')).toMatchObject({
      answered: true,
      source: { articleId: 'skype-connect-channels-change' },
    });
  });
});

describe('a question asking how to do what the base never names', () => {
  it('needs a surer model than the entry it shares its thing with', () => {
    // Transferring funds is nothing any entry tells how to do, though the payment entry names the funds; opening a request is.
    const engine = new SearchEngine(kb.entries as KbEntry[]);
    const question = 'Jak przelać środki ze Skype Managera na konto innej osoby?';
    expect(engine.rank(question)[0]).toMatchObject({ unknownAction: true });
    expect(kb.answer(question)).toMatchObject({ answered: false, source: null });
    expect(engine.rank('Jak otworzyć zgłoszenie w centrum administracyjnym Microsoft 365?')[0]).toMatchObject({ unknownAction: false });
  });
});

describe('a question one fact of the entry answers', () => {
  it('answers though the entry’s phrasings never ask that kind of question', () => {
    // The support-role entry's phrasings ask what support does; one of its sentences tells the surveys.
    const r = kb.answer('Jak 21Vianet zbiera opinie od klientów?');
    expect(r.answered && r.source?.articleId).toBe('vianet-support-role');
  });

  it('weighs the kind as unknown for the entry whose fact holds the question', () => {
    const [top] = new SearchEngine(kb.entries as KbEntry[]).rank('Jak 21Vianet zbiera opinie od klientów?');
    expect(top?.factCoverage).toBeGreaterThanOrEqual(0.8);
    expect(top?.askAgrees).toBe(0.5);
  });
});

describe('a question sharing no word of its own with the entry', () => {
  it('is neither answered nor offered when only a longer word starts with its word', () => {
    // The cities and the framing say nothing to the base: "train" alone meets "training".
    expect(kb.answer('Is there a train to Sopot?', 'en')).toMatchObject({ answered: false, source: null, suggestions: [] });
    expect(kb.answer('Where do I find training?', 'en')).toMatchObject({
      answered: true,
      source: { articleId: 'm365-related-content' },
    });
  });

  it('marks the entries that use one of its words as it reads them', () => {
    const engine = new SearchEngine(kb.entries as KbEntry[]);
    expect(engine.rank('Is there a train to Sopot?', 'en')[0]).toMatchObject({ sharesWord: false });
    expect(engine.rank('training', 'en')[0]).toMatchObject({ sharesWord: true });
  });
});

describe('a question asking which of a thing the base never names', () => {
  it('reads a word as a form of a Polish word only when the lemma table gives it', () => {
    // "Kodeki" (codecs) is no form of "kod": the channels entry never names them.
    const engine = new SearchEngine(kb.entries as KbEntry[]);
    const [top] = engine.rank('Jakie kodeki wspiera profil SIP w Skype Connect?');
    expect(top?.missesObject).toBeDefined();
    expect(top?.unknown).toBeGreaterThan(0);
  });
});
