import type { NewTicketInput } from '../../../ticketing/domain/ticket';
import { SEARCH_BUDGET } from '../../../ticketing/service/ticketSearch';
import { keys } from '../../../ticketing/store/keys';
import { searchIds } from '../../../ticketing/store/ticketSearch';
import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';

describe('ticket search over HTTP', () => {
  let api: TicketingApi;
  let key = 0;
  const open = async (overrides: Record<string, unknown>) => {
    api.clock.now = new Date(api.clock.now.getTime() + 60_000);
    const res = await api.call('POST', '/api/tickets', {
      as: 'system',
      body: ticketBody(overrides),
      headers: { 'idempotency-key': `s-${++key}` },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const search = async (query: string, as: 'agent' | 'system' | 'operator' = 'agent') =>
    api.call('GET', `/api/tickets/search?${query}`, { as });
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((t) => t.id);

  let printer: string, mail: string, billing: string, phone: string;
  beforeAll(async () => {
    api = await startTicketingApi('http-search');
    printer = await open({ title: 'Drukarka nie drukuje', description: 'Drukarka w sekretariacie zacina papier od wczoraj.' });
    mail = await open({ title: 'Poczta', description: 'Nikt nie odbiera poczty od rana.' });
    billing = await open({ category: 'billing', title: 'Faktura', description: 'Faktura za marzec ma złą kwotę; drukarka tu nie pomoże.' });
    phone = await open({
      orgId: 'contoso',
      adminId: 'anna.kowalska',
      title: 'Teams',
      description: 'Spotkania się rozłączają.',
      contact: { phone: '601 222 333', email: 'anna.kowalska@contoso.pl', preferred: 'phone' },
    });
  });
  afterAll(() => api.close());

  it('finds a ticket by an inflected word of its description, any case, without diacritics', async () => {
    const res = await search(`q=${encodeURIComponent('DRUKARCE')}`);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([billing, printer]); // newest first
    expect(ids(await search(`q=${encodeURIComponent('pocztą')}`))).toEqual([mail]);
    expect(ids(await search('q=zacina%20papier%20sekretariacie'))).toEqual([printer]); // every word must match
    expect(ids(await search('q=drukarka%20papier%20faktura'))).toEqual([]);
  });

  it('finds by ticket number, organisation, contact and phone, and narrows by the list filters', async () => {
    expect(ids(await search(`q=${printer.toLowerCase()}`))).toEqual([printer]);
    expect(ids(await search(`q=${Number(printer.slice(-6))}`))).toContain(printer);
    expect(ids(await search('q=contoso'))).toEqual([phone]);
    expect(ids(await search('q=kowalska'))).toEqual([phone]);
    expect(ids(await search(`q=${encodeURIComponent('+48 601 222 333')}`))).toEqual([phone]);
    expect(ids(await search('q=drukarka&category=billing'))).toEqual([billing]);
    expect(ids(await search('q=drukarka&category=technical&status=new'))).toEqual([printer]);
    expect(ids(await search('q=drukarka&status=resolved'))).toEqual([]);
  });

  it('follows a change: a ticket answered in its conversation is found by the answer, a moved one by its new status', async () => {
    await api.call('POST', `/api/tickets/${mail}/assign`, { as: 'agent', body: { agentId: 'alice' } });
    await api.call('POST', `/api/tickets/${mail}/replies`, { as: 'agent', body: { text: 'Zrestartowaliśmy serwer Exchange.' } });
    expect(ids(await search('q=zrestartowalismy'))).toEqual([mail]);
    const { status } = (await api.call('GET', `/api/tickets/${mail}`, { as: 'agent' })).body;
    expect(ids(await search(`q=poczta&status=${status}`))).toEqual([mail]);
    expect(ids(await search(`q=poczta&status=${status === 'new' ? 'in_progress' : 'new'}`))).toEqual([]);
  });

  it('pages newest first with a cursor, and reads at most its budget of candidates per call', async () => {
    const first = await search('q=drukarka&limit=1');
    expect(ids(first)).toEqual([billing]);
    const second = await search(`q=drukarka&limit=1&cursor=${first.body.next}`);
    expect(ids(second)).toEqual([printer]);
    const third = second.body.next ? await search(`q=drukarka&limit=1&cursor=${second.body.next}`) : { body: { items: [], next: null } };
    expect(ids(third)).toEqual([]);
    expect(third.body.next).toBeNull();

    // "drukarka" and category=technical: a budget of one candidate reads only the newest of the smaller set.
    const page = await searchIds(api.service.store, ['drukark'], [{ kind: 'category', category: 'technical' }], 10, 1, null);
    expect(page.ids.length).toBeLessThanOrEqual(1);
    expect(page.next).not.toBeNull();
    expect(await api.redis.zcard(keys.searchTerm(api.prefix, 'drukark'))).toBe(2);
  });

  it('refuses an empty query, a bad cursor and callers that are not agents or operators', async () => {
    expect((await search('q=i%20w%20to')).status).toBe(400);
    expect((await search('q=')).status).toBe(400);
    expect((await search('q=drukarka&cursor=bad')).status).toBe(400);
    expect((await search('q=drukarka', 'system')).status).toBe(403);
    expect((await api.call('GET', '/api/tickets/search?q=drukarka', { as: null })).status).toBe(401);
  });
});

describe('a search over more candidates than one request examines', () => {
  let api: TicketingApi;
  let rare: string;
  /** Every page of a search, following `next` until there is none. */
  const allPages = async (query: string) => {
    const pages: { items: { id: string }[]; next: string | null; scanned: number }[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.call('GET', `/api/tickets/search?${query}${cursor ? `&cursor=${cursor}` : ''}`, { as: 'agent' });
      expect(res.status).toBe(200);
      pages.push(res.body);
      cursor = res.body.next;
    } while (cursor !== null && pages.length < 10);
    return pages;
  };

  beforeAll(async () => {
    api = await startTicketingApi('http-search-budget');
    const create = async (title: string, overrides: Record<string, unknown> = {}) => {
      api.clock.now = new Date(api.clock.now.getTime() + 1_000);
      const { ticket } = await api.service.create(ticketBody({ title, description: 'Od rana.', ...overrides }) as NewTicketInput);
      return ticket.id;
    };
    // The one ticket with both words is the oldest: the newest first walk meets it last, past the budget.
    rare = await create('Drukarka i poczta');
    for (let i = 0; i < SEARCH_BUDGET + 10; i++) {
      await create('Drukarka zacina papier'); // technical, grade B
      await create('Poczta nie dochodzi', { category: 'billing', grade: 'C' });
    }
  }, 120_000);
  afterAll(() => api.close());

  it('answers "none among the first ones" with a cursor, and following it finds the rare match', async () => {
    const pages = await allPages('q=drukarka%20poczta');
    expect(pages[0]).toEqual({ items: [], next: expect.any(String), scanned: SEARCH_BUDGET });
    expect(pages.flatMap((p) => p.items.map((t) => t.id))).toEqual([rare]);
    expect(pages[pages.length - 1]!.next).toBeNull();
  });

  it('ends a search that matches nothing with no cursor, a budget of candidates at a time', async () => {
    const pages = await allPages('q=drukarka%20zacina%20poczta');
    expect(pages.flatMap((p) => p.items)).toEqual([]);
    expect(pages.map((p) => p.next === null)).toEqual([false, true]);
    expect(pages.every((p) => p.scanned <= SEARCH_BUDGET)).toBe(true);
  });

  it('answers a filter combination nothing matches at once, however many tickets each filter keeps', async () => {
    // Billing tickets and grade B tickets: more than the budget each, none both.
    expect(await allPages('q=rana&category=billing&grade=B')).toEqual([{ items: [], next: null, scanned: 0 }]);
    const billingC = await allPages('q=rana&category=billing&grade=C&limit=25');
    const poczta = await allPages('q=poczta&limit=25');
    expect(billingC[0]!.items.map((t) => t.id)).toEqual(poczta[0]!.items.map((t) => t.id));
    expect(billingC[0]!.items).toHaveLength(25);
  });
});

describe('a search whose filter keeps every other candidate', () => {
  let api: TicketingApi;
  let billing: string[];
  afterAll(() => api.close());

  it('pages the matches newest first, each once, the page read in growing chunks', async () => {
    api = await startTicketingApi('http-search-chunks');
    const created: { id: string; billing: boolean }[] = [];
    for (let i = 0; i < 40; i++) {
      api.clock.now = new Date(api.clock.now.getTime() + 1_000);
      const kind = i % 2 === 0 ? {} : { category: 'billing', grade: 'C' };
      const { ticket } = await api.service.create(
        ticketBody({ title: 'Skaner nie skanuje', description: 'Od rana.', ...kind }) as NewTicketInput,
      );
      created.push({ id: ticket.id, billing: i % 2 === 1 });
    }
    for (let i = 0; i < 30; i++)
      await api.service.create(ticketBody({ title: 'Poczta', category: 'billing', grade: 'C' }) as NewTicketInput);
    billing = created
      .filter((t) => t.billing)
      .map((t) => t.id)
      .reverse();

    // The word's 40 tickets are the smaller set, walked; half of them are billing. Pages of 3.
    const pages: { items: { id: string }[]; next: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.call('GET', `/api/tickets/search?q=skaner&category=billing&limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
        as: 'agent',
      });
      expect(res.status).toBe(200);
      pages.push(res.body);
      cursor = res.body.next;
    } while (cursor !== null && pages.length < 20);
    expect(pages.flatMap((p) => p.items.map((t) => t.id))).toEqual(billing);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    const whole = await api.call('GET', '/api/tickets/search?q=skaner&category=billing&limit=25', { as: 'agent' });
    expect(whole.body).toMatchObject({ next: null, scanned: 40 });
    expect(whole.body.items.map((t: { id: string }) => t.id)).toEqual(billing);
  });
});

describe('a search cursor whose ticket has moved since', () => {
  let api: TicketingApi;
  afterAll(() => api.close());

  it('goes on after where it stopped, though that ticket left the set being walked', async () => {
    api = await startTicketingApi('http-search-moved');
    const create = async (title: string) => {
      api.clock.now = new Date(api.clock.now.getTime() + 1_000);
      return (await api.service.create(ticketBody({ title, description: 'Od rana.' }) as NewTicketInput)).ticket.id;
    };
    const start = async (id: string) => {
      expect((await api.call('POST', `/api/tickets/${id}/assign`, { as: 'agent', body: { agentId: 'alice' } })).status).toBe(200);
      expect((await api.call('POST', `/api/tickets/${id}/status`, { as: 'agent', body: { status: 'in_progress' } })).status).toBe(200);
    };
    // Five tickets with the word, two of them in progress: the three new ones are the smaller set, walked.
    const [oldest, middle, newest] = [await create('Serwer plików'), await create('Serwer wydruku'), await create('Serwer poczty')];
    for (const id of [await create('Serwer DNS'), await create('Serwer VPN')]) await start(id);
    const page = async (cursor?: string) =>
      (await api.call('GET', `/api/tickets/search?q=serwer&status=new&limit=1${cursor ? `&cursor=${cursor}` : ''}`, { as: 'agent' })).body;

    const first = await page();
    expect(first.items.map((t: { id: string }) => t.id)).toEqual([newest]);
    const second = await page(first.next);
    expect(second.items.map((t: { id: string }) => t.id)).toEqual([middle]);
    await start(middle); // the cursor's ticket is no longer new
    const third = await page(second.next);
    expect(third.items.map((t: { id: string }) => t.id)).toEqual([oldest]);
    expect(third.next).toBeNull();
  });
});
