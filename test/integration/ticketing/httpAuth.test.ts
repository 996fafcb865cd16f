import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';

/** Each role reaches its own endpoints and is turned away from the others. */
describe('ticketing API: bearer tokens and roles', () => {
  let api: TicketingApi;
  let ticketId: string;
  beforeAll(async () => {
    api = await startTicketingApi('http-auth');
    const created = await api.call('POST', '/api/tickets', { as: 'system', body: ticketBody(), headers: { 'idempotency-key': 'auth-1' } });
    ticketId = created.body.id;
  });
  afterAll(() => api.close());

  it('answers a request without a token with 401 and a Bearer challenge', async () => {
    const res = await api.call('GET', '/api/tickets');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body).toEqual({ error: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') });
  });

  it('answers an unknown token, or a token in the wrong scheme, with 401', async () => {
    const wrong = await api.call('GET', '/api/tickets', { headers: { authorization: 'Bearer not-a-real-token-000000000' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
    const basic = await api.call('GET', '/api/tickets', { headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } });
    expect(basic.status).toBe(401);
  });

  it('checks the token before the body: an anonymous bad request is still 401', async () => {
    const res = await api.call('POST', '/api/tickets', { body: { nonsense: true } });
    expect(res.status).toBe(401);
  });

  const cases: [string, string, string, 'agent' | 'system' | 'operator', number][] = [
    // role may not open tickets: only the bot does
    ['agent opens a ticket', 'POST', '/api/tickets', 'agent', 403],
    ['operator opens a ticket', 'POST', '/api/tickets', 'operator', 403],
    // the bot does not work queues
    ['system claims', 'POST', '/api/queues/claim', 'system', 403],
    ['system lists a queue', 'GET', '/api/queues/technical', 'system', 403],
    ['system replies', 'POST', '/api/tickets/:id/replies', 'system', 403],
    ['system resolves', 'POST', '/api/tickets/:id/resolve', 'system', 403],
    ['operator changes a grade', 'POST', '/api/tickets/:id/grade', 'operator', 403],
    // only the bot relays the customer
    ['agent posts as the customer', 'POST', '/api/tickets/:id/customer-messages', 'agent', 403],
    // only the operator manages the directory
    ['agent lists organisations', 'GET', '/api/organisations', 'agent', 403],
    ['system reads an organisation', 'GET', '/api/organisations/fabrikam', 'system', 403],
    ['agent deletes an administrator', 'DELETE', '/api/organisations/fabrikam/administrators/jan.nowak', 'agent', 403],
  ];
  it.each(cases)('%s: %s %s as %s -> %i', async (_name, method, path, as, status) => {
    const res = await api.call(method, path.replace(':id', ticketId), {
      as,
      body: method === 'GET' || method === 'DELETE' ? undefined : {},
    });
    expect(res.status).toBe(status);
    expect(res.body.error).toBe('forbidden');
    expect(res.body.message).toContain(`the ${as} role may not do this`);
  });

  it('lets every role read tickets, and only the operator read the directory', async () => {
    for (const as of ['agent', 'system', 'operator'] as const) {
      expect((await api.call('GET', `/api/tickets/${ticketId}`, { as })).status).toBe(200);
      expect((await api.call('GET', '/api/tickets?orgId=fabrikam', { as })).body.items.map((t: { id: string }) => t.id)).toEqual([
        ticketId,
      ]);
    }
    expect((await api.call('GET', '/api/organisations', { as: 'operator' })).status).toBe(200);
    expect((await api.call('GET', '/api/queues/technical', { as: 'operator' })).status).toBe(200);
  });

  it("records the token's principal as the actor of a change", async () => {
    const res = await api.call('POST', `/api/tickets/${ticketId}/assign`, { as: 'supervisor', body: { agentId: 'bob' } });
    expect(res.status).toBe(200);
    expect(res.body.history.at(-1)).toMatchObject({ kind: 'assigned', actor: 'supervisor:sam', to: 'bob' });
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await api.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
  });
});
