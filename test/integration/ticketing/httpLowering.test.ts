import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';

/** Lowering a grade over HTTP, by the seed's rule: a reason from the list, and what backs it. */
describe('ticketing API: lowering a grade', () => {
  let api: TicketingApi;
  let key = 0;
  const open = async (body: unknown = ticketBody()) => {
    const res = await api.call('POST', '/api/tickets', { as: 'system', body, headers: { 'idempotency-key': `lowering-${++key}` } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const lower = (id: string, body: Record<string, unknown>) =>
    api.call('POST', `/api/tickets/${id}/grade`, { as: 'agent', body: { grade: 'C', ...body } });
  const lastGradeEntry = (ticket: { history: { kind: string }[] }) => ticket.history.filter((h) => h.kind === 'grade').at(-1);

  beforeAll(async () => {
    api = await startTicketingApi('http-lowering');
  });
  beforeEach(() => {
    api.clock.now = new Date('2026-03-10T09:00:00.000Z'); // Tuesday 10:00 in Warsaw
  });
  afterAll(() => api.close());

  it('refuses a free-text excuse such as "queue is busy", naming the reasons it accepts', async () => {
    const id = await open();
    const res = await lower(id, { reason: 'queue is busy' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'reason_required', message: expect.stringContaining('"queue is busy" is not one') });
    expect((await api.call('GET', `/api/tickets/${id}`, { as: 'agent' })).body.grade).toBe('B');
  });

  it('customer_not_responding: only once the ticket has waited on the customer one business day of its calendar', async () => {
    const id = await open(); // technical B: the extended calendar, a business day is 15 h
    const working = await lower(id, { reason: 'customer_not_responding' });
    expect(working.status).toBe(422);
    expect(working.body).toMatchObject({ error: 'lowering_refused', message: expect.stringContaining('is not waiting on the customer') });

    api.clock.now = new Date('2026-03-10T09:10:00.000Z');
    await api.call('POST', `/api/tickets/${id}/status`, {
      as: 'agent',
      body: { status: 'waiting_on_customer', question: 'Czy możecie przesłać logi?' },
    });
    api.clock.now = new Date('2026-03-10T22:00:00.000Z'); // 23:00 Warsaw: 12 h 50 min of working time so far
    const early = await lower(id, { reason: 'customer_not_responding' });
    expect(early.status).toBe(422);
    // 15 working hours from Tue 10:10: 13 h 50 min on Tuesday (to 24:00), 1 h 10 min from Wednesday 09:00.
    expect(early.body.message).toContain('allowed from 2026-03-11T09:10:00.000Z');

    api.clock.now = new Date('2026-03-11T09:10:00.000Z');
    const lowered = await lower(id, { reason: 'customer_not_responding' });
    expect(lowered.status).toBe(200);
    expect(lowered.body.grade).toBe('C');
    expect(lastGradeEntry(lowered.body)).toMatchObject({
      from: 'B',
      to: 'C',
      actor: 'agent:alice',
      lowering: { reason: 'customer_not_responding', waitedMs: 15 * 3_600_000 },
      reason: 'customer not responding: no answer for 15 h of working time',
    });
  });

  it('customer_not_responding on grade A waits a whole day of its 24x7 calendar', async () => {
    const id = await open(
      ticketBody({
        orgId: 'contoso',
        adminId: 'anna.kowalska',
        grade: 'A',
        contact: { email: 'anna.kowalska@contoso.pl', preferred: 'email' },
      }),
    );
    await api.call('POST', `/api/tickets/${id}/status`, {
      as: 'agent',
      body: { status: 'waiting_on_customer', question: 'Czy awaria nadal trwa?' },
    });
    api.clock.now = new Date('2026-03-11T08:59:00.000Z');
    expect((await lower(id, { grade: 'B', reason: 'customer_not_responding' })).status).toBe(422);
    api.clock.now = new Date('2026-03-11T09:00:00.000Z');
    const lowered = await lower(id, { grade: 'B', reason: 'customer_not_responding' });
    expect(lowered.status).toBe(200);
    expect(lowered.body.grade).toBe('B');
  });

  it('agreed_with_customer: records which administrator of the organisation agreed', async () => {
    const id = await open();
    const nobody = await lower(id, { reason: 'agreed_with_customer' });
    expect(nobody.status).toBe(422);
    expect(nobody.body).toMatchObject({ error: 'lowering_refused', message: expect.stringContaining('jan.nowak') });
    const stranger = await lower(id, { reason: 'agreed_with_customer', agreedBy: 'anna.kowalska' }); // contoso's, not fabrikam's
    expect(stranger.status).toBe(422);
    expect(stranger.body.message).toContain('"anna.kowalska" is not one');

    const lowered = await lower(id, { reason: 'agreed_with_customer', agreedBy: 'jan.nowak' });
    expect(lowered.status).toBe(200);
    expect(lastGradeEntry(lowered.body)).toMatchObject({
      lowering: { reason: 'agreed_with_customer', agreedBy: 'jan.nowak' },
      reason: 'agreed with the customer (jan.nowak)',
    });
  });

  it('wrong_initial_grade: records the evidence', async () => {
    const id = await open();
    const bare = await lower(id, { reason: 'wrong_initial_grade' });
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ error: 'lowering_refused', message: expect.stringContaining('evidence') });

    const evidence = 'Dotyczy jednego użytkownika; obejście: Outlook w przeglądarce działa.';
    const lowered = await lower(id, { reason: 'wrong_initial_grade', evidence });
    expect(lowered.status).toBe(200);
    expect(lastGradeEntry(lowered.body)).toMatchObject({
      lowering: { reason: 'wrong_initial_grade', evidence },
      reason: `wrong initial grade: ${evidence}`,
    });
  });

  it('a raise needs no reason from the list; it may say why in its own words', async () => {
    const id = await open(
      ticketBody({
        orgId: 'contoso',
        adminId: 'anna.kowalska',
        grade: 'B',
        contact: { email: 'anna.kowalska@contoso.pl', preferred: 'email' },
      }),
    );
    const raised = await api.call('POST', `/api/tickets/${id}/grade`, {
      as: 'agent',
      body: { grade: 'A', reason: 'awaria objęła całą firmę' },
    });
    expect(raised.status).toBe(200);
    expect(lastGradeEntry(raised.body)).toMatchObject({ from: 'B', to: 'A', reason: 'awaria objęła całą firmę' });
  });
});
