import { startTicketingApi, type TicketingApi } from '../../support/ticketingApiServer';

const northwind = {
  id: 'northwind',
  name: 'Northwind Traders',
  contract: 'standard',
  timeZone: 'Europe/Warsaw',
  administrators: [{ id: 'ewa', name: 'Ewa Zielińska', email: 'ewa@northwind.pl' }],
};

describe('ticketing API: organisations and administrators (operator)', () => {
  let api: TicketingApi;
  beforeAll(async () => {
    api = await startTicketingApi('http-orgs');
  });
  afterAll(() => api.close());
  const as = 'operator' as const;

  it('lists the demo directory', async () => {
    const res = await api.call('GET', '/api/organisations', { as });
    expect(res.body.items.map((o: { id: string; contract: string }) => [o.id, o.contract])).toEqual([
      ['contoso', 'premier'],
      ['fabrikam', 'standard'],
    ]);
  });

  it('lists them a page at a time, by name, with how many there are', async () => {
    const second = await api.call('GET', '/api/organisations?limit=1&offset=1', { as });
    expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(second.body.items.map((o: { id: string }) => o.id)).toEqual(['fabrikam']);
    const refused = await api.call('GET', '/api/organisations?limit=0', { as });
    expect(refused.status).toBe(400);
  });

  it('creates, reads, replaces and deletes an organisation', async () => {
    const created = await api.call('POST', '/api/organisations', { as, body: northwind });
    expect(created.status).toBe(201);
    expect(created.body.administrators[0]).toMatchObject({ id: 'ewa', chatIdentities: [] });
    expect((await api.call('POST', '/api/organisations', { as, body: northwind })).status).toBe(409);

    const replaced = await api.call('PUT', '/api/organisations/northwind', {
      as,
      body: { ...northwind, id: undefined, contract: 'premier' },
    });
    expect(replaced.status).toBe(200);
    expect((await api.call('GET', '/api/organisations/northwind', { as })).body.contract).toBe('premier');

    const deleted = await api.call('DELETE', '/api/organisations/northwind', { as });
    expect(deleted.status).toBe(204);
    expect((await api.call('GET', '/api/organisations/northwind', { as })).status).toBe(404);
    expect((await api.call('DELETE', '/api/organisations/northwind', { as })).status).toBe(404);
  });

  it('creates an organisation with PUT and refuses a body whose id differs from the path', async () => {
    const created = await api.call('PUT', '/api/organisations/tailspin', {
      as,
      body: { ...northwind, id: undefined, name: 'Tailspin Toys' },
    });
    expect(created.status).toBe(201);
    const mismatch = await api.call('PUT', '/api/organisations/tailspin', {
      as,
      body: { ...northwind, id: 'other', name: 'Tailspin Toys' },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toContain('id: "other" does not match');
  });

  it.each([
    ['a bad time zone', { timeZone: 'Mars/Olympus' }, 'timeZone: must be an IANA time zone'],
    ['an unknown contract', { contract: 'gold' }, 'contract: Invalid enum value'],
    [
      'an administrator without e-mail or phone',
      { administrators: [{ id: 'x', name: 'X' }] },
      'administrators.0.email: an administrator needs an e-mail or a phone',
    ],
    ['an id with a colon', { id: 'a:b' }, 'id: must be 1-100 letters'],
    ['a holiday that is not a date', { holidays: ['1 maja'] }, 'holidays.0: must be a YYYY-MM-DD date'],
  ])('answers %s with 400 naming the field', async (_name, change, message) => {
    const res = await api.call('POST', '/api/organisations', { as, body: { ...northwind, id: 'invalid-org', name: 'Invalid', ...change } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });

  it('refuses a tenant id that belongs to another organisation with 409', async () => {
    const contoso = (await api.call('GET', '/api/organisations/contoso', { as })).body;
    const res = await api.call('POST', '/api/organisations', {
      as,
      body: { ...northwind, id: 'copycat', name: 'Copycat', tenantId: contoso.tenantId },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('tenant_taken');
  });

  it('adds, reads, replaces and removes an administrator, whose tickets the bot can then open', async () => {
    const admin = { id: 'piotr', name: 'Piotr Wiśniewski', phone: '+48 602 300 400' };
    const added = await api.call('POST', '/api/organisations/fabrikam/administrators', { as, body: admin });
    expect(added.status).toBe(201);
    expect((await api.call('POST', '/api/organisations/fabrikam/administrators', { as, body: admin })).status).toBe(409);

    const ticket = await api.call('POST', '/api/tickets', {
      as: 'system',
      headers: { 'idempotency-key': 'new-admin' },
      body: {
        orgId: 'fabrikam',
        adminId: 'piotr',
        category: 'billing',
        grade: 'B',
        title: 'Faktura',
        description: 'Błędna kwota',
        contact: { phone: '+48 602 300 400', preferred: 'phone' },
      },
    });
    expect(ticket.status).toBe(201);

    const replaced = await api.call('PUT', '/api/organisations/fabrikam/administrators/piotr', {
      as,
      body: { ...admin, id: undefined, email: 'piotr@fabrikam.pl' },
    });
    expect(replaced.status).toBe(200);
    const list = await api.call('GET', '/api/organisations/fabrikam/administrators', { as });
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual(['jan.nowak', 'piotr']);
    expect((await api.call('GET', '/api/organisations/fabrikam/administrators/piotr', { as })).body.email).toBe('piotr@fabrikam.pl');

    expect((await api.call('DELETE', '/api/organisations/fabrikam/administrators/piotr', { as })).status).toBe(204);
    expect((await api.call('GET', '/api/organisations/fabrikam/administrators/piotr', { as })).status).toBe(404);
    const refused = await api.call('POST', '/api/tickets', {
      as: 'system',
      headers: { 'idempotency-key': 'removed-admin' },
      body: {
        orgId: 'fabrikam',
        adminId: 'piotr',
        category: 'billing',
        grade: 'B',
        title: 'Faktura 2',
        description: 'Błędna kwota',
        contact: { phone: '+48 602 300 400', preferred: 'phone' },
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('not_administrator');
  });

  it('answers administrators of an unknown organisation with 404', async () => {
    expect((await api.call('GET', '/api/organisations/nobody/administrators', { as })).status).toBe(404);
    expect(
      (await api.call('POST', '/api/organisations/nobody/administrators', { as, body: { id: 'x', name: 'X', email: 'x@x.pl' } })).status,
    ).toBe(404);
  });
});
