import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';
import { customerReceives } from '../../support/delivered';
import { keys } from '../../../ticketing/store/keys';

/** SLA results over HTTP as an agent sees them: recorded once, never laundered by a later change. */
describe('ticketing API: SLA results are facts', () => {
  let api: TicketingApi;
  let key = 0;
  const open = async (body: unknown = ticketBody()) => {
    const res = await api.call('POST', '/api/tickets', { as: 'system', body, headers: { 'idempotency-key': `outcome-${++key}` } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    api = await startTicketingApi('http-sla-outcomes');
  });
  beforeEach(() => {
    api.clock.now = new Date('2026-03-10T09:00:00.000Z');
  });
  afterAll(() => api.close());

  it('a B ticket answered late and lowered to C stays missed and breached; the lowering is recorded beside the result', async () => {
    const id = await open(); // B technical: due 2026-03-11 09:00Z
    api.clock.now = new Date('2026-03-11T10:00:00.000Z');
    await api.call('POST', `/api/tickets/${id}/replies`, {
      as: 'agent',
      body: { text: 'Przepraszamy za zwłokę, sprawdzamy.' },
    });
    const lateSla = (await customerReceives(api.service, id)).sla;
    expect(lateSla).toMatchObject({
      met: false,
      breached: true,
      breachedAt: '2026-03-11T09:00:00.000Z',
      outcome: { result: 'missed', grade: 'B' },
    });

    const lowered = await api.call('POST', `/api/tickets/${id}/grade`, {
      as: 'agent',
      body: { grade: 'C', reason: 'agreed_with_customer', agreedBy: 'jan.nowak' },
    });
    expect(lowered.status).toBe(200);
    expect(lowered.body.grade).toBe('C');
    expect(lowered.body.sla).toMatchObject({
      met: false,
      breached: true,
      breachedAt: '2026-03-11T09:00:00.000Z',
      outcome: lateSla.outcome,
    });
    expect(lowered.body.sla.alternatives).toEqual([expect.objectContaining({ grade: 'C', result: 'met', actor: 'agent:alice' })]);

    const breached = await api.call('GET', '/api/tickets?breached=true&limit=200', { as: 'agent' });
    expect(breached.body.items.map((t: { id: string }) => t.id)).toContain(id);
    const history = await api.call('GET', `/api/tickets/${id}/history`, { as: 'agent' });
    expect(history.body.deadline.outcome).toMatchObject({ result: 'missed' });
    expect(history.body.deadline.summary).toContain('result: missed (grade B, deadline 2026-03-11 10:00)');
  });

  it('a lowering after an unanswered deadline finds the miss even before any timer fired', async () => {
    const id = await open();
    api.clock.now = new Date('2026-03-11T09:30:00.000Z');
    const lowered = await api.call('POST', `/api/tickets/${id}/grade`, {
      as: 'agent',
      body: { grade: 'C', reason: 'agreed_with_customer', agreedBy: 'jan.nowak' },
    });
    expect(lowered.body.sla).toMatchObject({
      breached: true,
      breachedAt: '2026-03-11T09:00:00.000Z',
      outcome: { result: 'missed', grade: 'B' },
    });
    expect(lowered.body.sla.alternatives).toEqual([expect.objectContaining({ grade: 'C', result: 'not_yet_due' })]);
    expect(lowered.body.history.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['sla_breach', 'grade']));
  });

  it('waiting on the customer needs the question, which reaches the conversation as a reply', async () => {
    const id = await open();
    await api.call('POST', `/api/tickets/${id}/status`, { as: 'agent', body: { status: 'in_progress' } });
    const silent = await api.call('POST', `/api/tickets/${id}/status`, { as: 'agent', body: { status: 'waiting_on_customer' } });
    expect(silent.status).toBe(422);
    expect(silent.body).toMatchObject({ error: 'question_required', message: expect.stringContaining('question') });
    const unchanged = await api.call('GET', `/api/tickets/${id}`, { as: 'agent' });
    expect(unchanged.body.status).toBe('in_progress');

    const asked = await api.call('POST', `/api/tickets/${id}/status`, {
      as: 'agent',
      body: { status: 'waiting_on_customer', question: 'Którzy użytkownicy?' },
    });
    expect(asked.body.status).toBe('waiting_on_customer');
    expect(asked.body.sla.pauses.at(-1)).toMatchObject({ question: 'Którzy użytkownicy?' });
    expect(asked.body.messages.at(-1)).toMatchObject({ from: 'agent', text: 'Którzy użytkownicy?' });
  });

  it('resolving without any reply records an explicit outcome that stays after a reopen', async () => {
    const id = await open();
    await api.call('POST', `/api/tickets/${id}/status`, { as: 'agent', body: { status: 'in_progress' } });
    api.clock.now = new Date('2026-03-10T10:00:00.000Z');
    const resolved = await api.call('POST', `/api/tickets/${id}/resolve`, { as: 'agent', body: { reason: 'klient sam rozwiązał' } });
    expect(resolved.body.sla).toMatchObject({
      met: false,
      outcome: { result: 'resolved_without_response', at: '2026-03-10T10:00:00.000Z', grade: 'B' },
    });
    api.clock.now = new Date('2026-03-12T10:00:00.000Z');
    const reopened = await api.call('POST', `/api/tickets/${id}/reopen`, { as: 'agent', body: { reason: 'wróciło' } });
    expect(reopened.body.sla).toEqual(resolved.body.sla);
    expect(await api.redis.zrangebyscore(keys.slaDue(api.prefix), '-inf', '+inf')).not.toEqual(
      expect.arrayContaining([expect.stringContaining(id)]),
    );
  });
});
