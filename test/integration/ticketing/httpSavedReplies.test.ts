import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';

describe('saved replies over HTTP', () => {
  let api: TicketingApi;
  beforeAll(async () => {
    api = await startTicketingApi('http-saved-replies');
  });
  afterAll(() => api.close());

  const KEEPER = 'supervisor' as const;
  const body = {
    title: 'Przyjęte',
    text: 'Dzień dobry {{customer}}, zgłoszenie {{ticket}} ({{organisation}}) ma termin {{deadline}}. {{agent}}',
    locale: 'pl',
  };

  it('are kept by supervisors, read by agents, filled in for a ticket, changed and deleted', async () => {
    const created = await api.call('POST', '/api/saved-replies', { as: KEEPER, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, updatedBy: 'sam', id: expect.any(String) });
    const english = await api.call('POST', '/api/saved-replies', {
      as: KEEPER,
      body: { title: 'Received', text: 'Hello {{customer}}', locale: 'en' },
    });

    const listed = await api.call('GET', '/api/saved-replies', { as: 'agent' });
    expect(listed.body.items.map((r: { title: string }) => r.title)).toEqual(['Received', 'Przyjęte']); // by language, then title

    const opened = await api.call('POST', '/api/tickets', { as: 'system', body: ticketBody(), headers: { 'idempotency-key': 'saved-1' } });
    const filled = await api.call('GET', `/api/tickets/${opened.body.id}/saved-replies`, { as: 'agent' });
    const pl = filled.body.items.find((r: { id: string }) => r.id === created.body.id);
    // The demo directory: Fabrikam's administrator Jan Nowak; the deadline in Warsaw time, in Polish.
    expect(pl.text).toBe(`Dzień dobry Jan Nowak, zgłoszenie ${opened.body.id} (Fabrikam S.A.) ma termin 11 marca 2026, 10:00. alice`);

    const changed = await api.call('PUT', `/api/saved-replies/${english.body.id}`, {
      as: KEEPER,
      body: { title: 'Received', text: 'Hi {{customer}}', locale: 'en' },
    });
    expect(changed.body.text).toBe('Hi {{customer}}');
    expect((await api.call('DELETE', `/api/saved-replies/${english.body.id}`, { as: KEEPER })).status).toBe(204);
    expect((await api.call('DELETE', `/api/saved-replies/${english.body.id}`, { as: KEEPER })).status).toBe(404);
    expect((await api.call('GET', '/api/saved-replies', { as: 'agent' })).body.items).toHaveLength(1);
  });

  it("are kept by operators too: a supervisor changes an operator's reply and deletes it", async () => {
    const byOperator = await api.call('POST', '/api/saved-replies', { as: 'operator', body: { ...body, title: 'Od operatora' } });
    expect(byOperator.body).toMatchObject({ updatedBy: 'ops' });
    const changed = await api.call('PUT', `/api/saved-replies/${byOperator.body.id}`, {
      as: KEEPER,
      body: { ...body, title: 'Od kierownika' },
    });
    expect(changed.body).toMatchObject({ title: 'Od kierownika', updatedBy: 'sam' });
    expect((await api.call('DELETE', `/api/saved-replies/${byOperator.body.id}`, { as: KEEPER })).status).toBe(204);
    const titles = (await api.call('GET', '/api/saved-replies', { as: 'agent' })).body.items.map((r: { title: string }) => r.title);
    expect(titles).not.toContain('Od kierownika');
  });

  it('refuse an unknown placeholder, a missing language, and agents or the bot changing them', async () => {
    const unknown = await api.call('POST', '/api/saved-replies', { as: KEEPER, body: { ...body, text: 'Witaj {{imie}}' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/unknown placeholder \{\{imie\}\}/);
    expect((await api.call('POST', '/api/saved-replies', { as: KEEPER, body: { title: 't', text: 'x' } })).status).toBe(400);
    expect((await api.call('POST', '/api/saved-replies', { as: 'agent', body })).status).toBe(403);
    expect((await api.call('GET', '/api/saved-replies', { as: 'system' })).status).toBe(403);
    expect((await api.call('GET', '/api/saved-replies', { as: null })).status).toBe(401);
  });
});
