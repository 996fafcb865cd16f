import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';
import { customerReceives } from '../../support/delivered';

/** The month's SLA report over HTTP: counted from recorded outcomes, kept by the same write as each ticket. */
describe('ticketing API: SLA report', () => {
  let api: TicketingApi;
  let key = 0;
  const open = async (body: unknown = ticketBody()) => {
    const res = await api.call('POST', '/api/tickets', { as: 'system', body, headers: { 'idempotency-key': `report-${++key}` } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const at = (iso: string) => (api.clock.now = new Date(iso));
  const reply = async (id: string) => {
    await api.call('POST', `/api/tickets/${id}/replies`, { as: 'agent', body: { text: 'Sprawdzamy.' } });
    return customerReceives(api.service, id);
  };
  const report = async (query: string) => {
    const res = await api.call('GET', `/api/reports/sla?${query}`, { as: 'operator' });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    api = await startTicketingApi('http-sla-report');
  });
  afterAll(() => api.close());

  it('counts met, missed and resolved-without-response goals of the month, and a later lowering moves nothing', async () => {
    at('2026-04-07T08:00:00.000Z'); // Tuesday 10:00 in Warsaw; technical B is due Wednesday 10:00
    const met = await open();
    const late = await open();
    const unanswered = await open();
    const contoso = await open(
      ticketBody({
        orgId: 'contoso',
        adminId: 'anna.kowalska',
        grade: 'A',
        contact: { email: 'anna.kowalska@contoso.pl', preferred: 'email' },
      }),
    );
    at('2026-04-07T08:20:00.000Z');
    await reply(met); // 20 min
    await reply(contoso); // 20 min of the A hour: met
    await api.call('POST', `/api/tickets/${unanswered}/status`, { as: 'agent', body: { status: 'in_progress' } });
    await api.call('POST', `/api/tickets/${unanswered}/resolve`, { as: 'agent' });
    at('2026-04-08T09:00:00.000Z');
    await reply(late); // an hour after its deadline
    await api.call('POST', `/api/tickets/${late}/grade`, {
      as: 'agent',
      body: { grade: 'C', reason: 'agreed_with_customer', agreedBy: 'jan.nowak' },
    });

    const month = await report('month=2026-04');
    expect(month.outcomes).toEqual({ met: 2, missed: 1, resolved_without_response: 1 });
    expect(month.attainment).toBe(0.5);
    expect(month.byGrade).toEqual({
      A: { met: 1, missed: 0, resolved_without_response: 0 },
      B: { met: 1, missed: 1, resolved_without_response: 1 },
    });
    expect(month.byOrganisation.contoso).toEqual({ met: 1, missed: 0, resolved_without_response: 0 });
    // Three first responses: two after 20 min (the 30 min bucket), one after 16 working hours (the 24 h bucket).
    expect(month.firstResponse).toEqual({ count: 3, p50Ms: 30 * 60_000, p90Ms: 1440 * 60_000 });

    const fabrikam = await report('month=2026-04&orgId=fabrikam');
    expect(fabrikam.outcomes).toEqual({ met: 1, missed: 1, resolved_without_response: 1 });
    expect(fabrikam.firstResponse.count).toBe(2);
    expect((await report('month=2026-05')).outcomes).toEqual({ met: 0, missed: 0, resolved_without_response: 0 });
    // A reopen and another reply change no recorded fact, so no counter.
    await api.call('POST', `/api/tickets/${unanswered}/reopen`, { as: 'agent' });
    await reply(unanswered);
    expect((await report('month=2026-04')).outcomes).toEqual(month.outcomes);
  });

  it("counts the customers' satisfaction with resolved tickets: once per ticket, only after the resolve, only the requester", async () => {
    at('2026-06-02T08:00:00.000Z');
    const [good, poor] = [await open(), await open()];
    const rate = (id: string, body: unknown) => api.call('POST', `/api/tickets/${id}/satisfaction`, { as: 'system', body });
    const early = await rate(good, { rating: 5 });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('it can be rated once it is resolved');
    for (const id of [good, poor]) {
      await reply(id);
      expect((await api.call('POST', `/api/tickets/${id}/resolve`, { as: 'agent' })).status).toBe(200);
    }
    expect((await rate(good, { rating: 6 })).body.message).toContain('rating');
    expect((await rate(good, { rating: 5, author: 'anna.kowalska' })).status).toBe(422); // another organisation's administrator
    const rated = await rate(good, { rating: 5, comment: 'Szybko i konkretnie.' });
    expect(rated.status).toBe(201);
    expect(rated.body.satisfaction).toMatchObject({ rating: 5, comment: 'Szybko i konkretnie.', grade: 'B' });
    expect((await rate(good, { rating: 1 })).status).toBe(409); // one answer per ticket
    expect((await rate(poor, { rating: 2 })).status).toBe(201);
    expect((await api.call('POST', `/api/tickets/${poor}/satisfaction`, { as: 'agent', body: { rating: 5 } })).status).toBe(403);

    const june = await report('month=2026-06');
    expect(june.satisfaction).toEqual({ count: 2, average: 3.5, byRating: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } });
    expect((await report('month=2026-06&orgId=contoso')).satisfaction.count).toBe(0);
  });

  it('refuses a month that is not one, and callers without the agent or operator role', async () => {
    const bad = await api.call('GET', '/api/reports/sla?month=2026-13', { as: 'operator' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('must be a month such as 2026-03');
    expect((await api.call('GET', '/api/reports/sla?month=2026-04', { as: 'system' })).status).toBe(403);
  });
});
