import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';
import { customerReceives } from '../../support/delivered';

describe('ticketing API: tickets and queues over HTTP', () => {
  let api: TicketingApi;
  let key = 0;
  const open = (body: unknown = ticketBody(), idempotencyKey = `key-${++key}`) =>
    api.call('POST', '/api/tickets', { as: 'system', body, headers: { 'idempotency-key': idempotencyKey } });

  beforeAll(async () => {
    api = await startTicketingApi('http-tickets');
  });
  beforeEach(() => {
    api.clock.now = new Date('2026-03-10T09:00:00.000Z');
  });
  afterAll(() => api.close());

  describe('opening a ticket', () => {
    it('creates it with 201, its SLA deadline started, and lists it for its organisation', async () => {
      const res = await open();
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^SR-2026-\d{6}$/),
        orgId: 'fabrikam',
        status: 'new',
        grade: 'B',
        assignee: null,
      });
      // Technical B on the extended calendar: one business day = 15 working hours from 10:00 Warsaw.
      expect(res.body.sla).toMatchObject({
        calendar: 'extended',
        startedAt: '2026-03-10T09:00:00.000Z',
        dueAt: '2026-03-11T09:00:00.000Z',
      });
      const listed = await api.call('GET', `/api/tickets?orgId=fabrikam&status=new&limit=200`, { as: 'system' });
      expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(res.body.id);
    });

    it('returns the same ticket with 200 when a request is repeated with its Idempotency-Key', async () => {
      const first = await open(ticketBody({ title: 'Powtórzone zgłoszenie' }), 'retry-me');
      const again = await open(ticketBody({ title: 'Powtórzone zgłoszenie' }), 'retry-me');
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const all = await api.call('GET', '/api/tickets?orgId=fabrikam&limit=200', { as: 'operator' });
      expect(all.body.items.filter((t: { title: string }) => t.title === 'Powtórzone zgłoszenie')).toHaveLength(1);
    });

    it('opens one ticket for parallel repeats of one request', async () => {
      const body = ticketBody({ title: 'Równoległe ponowienia' });
      const replies = await Promise.all(Array.from({ length: 8 }, () => open(body, 'parallel-key')));
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
      expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    });

    it('refuses a different request under a used Idempotency-Key with 409', async () => {
      await open(ticketBody({ title: 'Pierwsze' }), 'used-key');
      const res = await open(ticketBody({ title: 'Drugie' }), 'used-key');
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('idempotency_key_reused');
    });

    it('requires the Idempotency-Key header', async () => {
      const res = await api.call('POST', '/api/tickets', { as: 'system', body: ticketBody() });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'missing_idempotency_key', message: expect.stringContaining('Idempotency-Key') });
    });

    it('refuses an Idempotency-Key that is not 1-200 visible characters with 400', async () => {
      const res = await open(ticketBody(), 'has spaces in it');
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_idempotency_key');
    });

    it.each([
      ['a missing title', { title: undefined }, 'title: Required'],
      ['an unknown category', { category: 'hardware' }, 'category: Invalid enum value'],
      ['a grade D', { grade: 'D' }, 'grade: Invalid enum value'],
      ['an e-mail that is not one', { contact: { email: 'not-mail', preferred: 'email' } }, 'contact.email: Invalid email'],
      [
        'a preferred method without its address',
        { contact: { email: 'a@b.pl', preferred: 'phone' } },
        'contact.preferred: the preferred contact method needs its address',
      ],
      ['an unknown field', { priority: 'high' }, "Unrecognized key(s) in object: 'priority'"],
      ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title: String must contain at most 200 character(s)'],
    ])('answers %s with 400 naming the field', async (_name, change, message) => {
      const res = await open({ ...ticketBody(), ...change });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_body');
      expect(res.body.message).toContain(message);
    });

    it('answers a body that is not JSON with 400', async () => {
      const res = await api.call('POST', '/api/tickets', {
        as: 'system',
        rawBody: '{"title": ',
        headers: { 'idempotency-key': 'bad-json' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toBeDefined();
    });

    it('answers a body over 64 KB with 413', async () => {
      const res = await open(ticketBody({ description: 'x'.repeat(70 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.body.error).toBe('payload_too_large');
    });

    it('refuses grade A for a standard organisation with 422 naming the rule, and opens nothing', async () => {
      const res = await open(ticketBody({ grade: 'A' }));
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('severity_not_allowed');
      expect(res.body.message).toMatch(/premier/i);
    });

    it('accepts grade A for the premier organisation, on the 24x7 calendar', async () => {
      const res = await open(
        ticketBody({ orgId: 'contoso', adminId: 'anna.kowalska', grade: 'A', contact: { phone: '+48 600 100 200', preferred: 'phone' } }),
      );
      expect(res.status).toBe(201);
      expect(res.body.sla).toMatchObject({ calendar: 'always', dueAt: '2026-03-10T10:00:00.000Z' });
    });

    it('refuses someone who is not an administrator with 422, and an unknown organisation with 404', async () => {
      const notAdmin = await open(ticketBody({ adminId: 'someone.else' }));
      expect(notAdmin.status).toBe(422);
      expect(notAdmin.body.error).toBe('not_administrator');
      const unknownOrg = await open(ticketBody({ orgId: 'nobody' }));
      expect(unknownOrg.status).toBe(404);
    });
  });

  describe('reading', () => {
    it('answers an unknown ticket with 404 on every ticket route', async () => {
      for (const [method, path, as, body] of [
        ['GET', '/api/tickets/SR-2026-999999', 'agent', undefined],
        ['GET', '/api/tickets/SR-2026-999999/history', 'agent', undefined],
        ['POST', '/api/tickets/SR-2026-999999/replies', 'agent', { text: 'halo' }],
        ['POST', '/api/tickets/SR-2026-999999/status', 'agent', { status: 'in_progress' }],
        ['POST', '/api/tickets/SR-2026-999999/reopen', 'agent', undefined],
        ['POST', '/api/tickets/SR-2026-999999/customer-messages', 'system', { text: 'halo' }],
      ] as const) {
        const res = await api.call(method, path, { as, body });
        expect([path, res.status, res.body.error]).toEqual([path, 404, 'not_found']);
      }
    });

    it('answers a method a route does not have with 405 JSON', async () => {
      const res = await api.call('DELETE', '/api/tickets', { as: 'agent' });
      expect(res.status).toBe(405);
      expect(res.body.error).toBe('method_not_allowed');
    });

    it('answers unknown routes and unknown queues with 404 JSON', async () => {
      const route = await api.call('GET', '/api/nothing-here', { as: 'agent' });
      expect(route.status).toBe(404);
      expect(route.body.error).toBe('not_found');
      const queue = await api.call('GET', '/api/queues/hardware', { as: 'agent' });
      expect(queue.status).toBe(404);
      expect(queue.body.message).toContain('technical, billing, presales');
    });

    it.each([
      ['status=open', 'status: Invalid enum value'],
      ['limit=0', 'limit: Number must be greater than or equal to 1'],
      ['limit=abc', 'limit: Expected number'],
      ['breached=yes', 'breached: Invalid enum value'],
      ['colour=red', "Unrecognized key(s) in object: 'colour'"],
    ])('answers a bad list filter %s with 400 naming it', async (query, message) => {
      const res = await api.call('GET', `/api/tickets?${query}`, { as: 'agent' });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_query');
      expect(res.body.message).toContain(message);
    });

    it('filters by grade, category and breach, and pages with limit and offset', async () => {
      await open(ticketBody({ category: 'billing', grade: 'C', title: 'Faktura' }));
      const billing = await api.call('GET', '/api/tickets?category=billing&grade=C', { as: 'agent' });
      expect(billing.body.items.length).toBeGreaterThan(0);
      expect(billing.body.items.every((t: { category: string; grade: string }) => t.category === 'billing' && t.grade === 'C')).toBe(true);
      const breached = await api.call('GET', '/api/tickets?breached=true', { as: 'agent' });
      expect(breached.body.items).toEqual([]);
      const page1 = await api.call('GET', '/api/tickets?limit=2&offset=0', { as: 'agent' });
      const page2 = await api.call('GET', '/api/tickets?limit=2&offset=2', { as: 'agent' });
      expect(page1.body).toMatchObject({ count: 2, limit: 2, offset: 0 });
      expect(page2.body.items.map((t: { id: string }) => t.id)).not.toContain(page1.body.items[0].id);
    });

    it('pages a list on several filters 1,000 tickets deep, and answers deeper with 400 naming the ways on', async () => {
      const deepest = await api.call('GET', '/api/tickets?category=billing&grade=C&limit=10&offset=990', { as: 'agent' });
      expect(deepest.status).toBe(200);
      expect(deepest.body.items).toEqual([]);

      const tooDeep = await api.call('GET', '/api/tickets?category=billing&grade=C&limit=10&offset=991', { as: 'agent' });
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.error).toBe('list_too_deep');
      expect(tooDeep.body.message).toMatch(/1000 tickets deep at most.*narrow the filters, list by one filter.*\/api\/tickets\/search/);

      // One filter reads its own index, at any depth.
      const oneFilter = await api.call('GET', '/api/tickets?grade=C&limit=10&offset=5000', { as: 'agent' });
      expect(oneFilter.status).toBe(200);
    });
  });

  describe("an agent's day", () => {
    it('claims, replies (the first response), waits on the customer, resolves, closes and reopens', async () => {
      // Only this test's tickets in the technical queue: an urgent A and a later C.
      const queued = await api.call('GET', '/api/queues/technical?limit=200', { as: 'agent' });
      for (const t of queued.body.items)
        await api.call('POST', `/api/tickets/${t.id}/assign`, { as: 'supervisor', body: { agentId: 'sam' } });
      const c = await open(ticketBody({ grade: 'C', title: 'Drobny problem' }));
      const a = await open(
        ticketBody({
          orgId: 'contoso',
          adminId: 'anna.kowalska',
          grade: 'A',
          title: 'Exchange nie działa',
          contact: { email: 'anna.kowalska@contoso.pl', preferred: 'email' },
        }),
      );

      const queue = await api.call('GET', '/api/queues/technical', { as: 'agent' });
      expect(queue.body.items.map((t: { id: string }) => t.id)).toEqual([a.body.id, c.body.id]);
      const rest = await api.call('GET', '/api/queues/technical?offset=1', { as: 'agent' });
      expect(rest.body.items.map((t: { id: string }) => t.id)).toEqual([c.body.id]);

      const claimed = await api.call('POST', '/api/queues/claim', { as: 'agent', body: { categories: ['technical'] } });
      expect(claimed.status).toBe(200);
      expect(claimed.body.ticket).toMatchObject({ id: a.body.id, assignee: 'alice' });
      const id = a.body.id as string;

      api.clock.now = new Date('2026-03-10T09:20:00.000Z');
      const replied = await api.call('POST', `/api/tickets/${id}/replies`, { as: 'agent', body: { text: 'Sprawdzamy, proszę o logi.' } });
      expect(replied.status).toBe(201);
      // Queued for the customer: the first response is recorded when it reaches them.
      expect(replied.body.sla.firstResponseAt).toBeUndefined();
      expect(replied.body.messages.at(-1)).toMatchObject({
        from: 'agent',
        author: 'alice',
        text: 'Sprawdzamy, proszę o logi.',
        delivery: { state: 'queued' },
      });
      api.clock.now = new Date('2026-03-10T09:21:00.000Z');
      expect((await customerReceives(api.service, id)).sla).toMatchObject({ firstResponseAt: '2026-03-10T09:21:00.000Z', met: true });

      expect(replied.body.status).toBe('in_progress');

      const waiting = await api.call('POST', `/api/tickets/${id}/status`, {
        as: 'agent',
        body: { status: 'waiting_on_customer', reason: 'czekamy na logi' },
      });
      expect(waiting.status).toBe(422);
      expect(waiting.body.error).toBe('question_required');
      const asked = await api.call('POST', `/api/tickets/${id}/status`, {
        as: 'agent',
        body: { status: 'waiting_on_customer', question: 'Proszę o logi z ostatniej godziny.', reason: 'czekamy na logi' },
      });
      expect(asked.body.status).toBe('waiting_on_customer');
      expect(asked.body.messages.at(-1)).toMatchObject({ from: 'agent', author: 'alice', text: 'Proszę o logi z ostatniej godziny.' });
      const answer = await api.call('POST', `/api/tickets/${id}/customer-messages`, { as: 'system', body: { text: 'Logi w załączniku.' } });
      expect(answer.status).toBe(201);
      expect(answer.body.messages.at(-1)).toMatchObject({ from: 'customer', author: 'anna.kowalska' });
      expect(answer.body.status).toBe('in_progress');

      const resolved = await api.call('POST', `/api/tickets/${id}/resolve`, { as: 'agent', body: { reason: 'naprawione' } });
      expect(resolved.body.status).toBe('resolved');
      const closed = await api.call('POST', `/api/tickets/${id}/close`, { as: 'agent' });
      expect(closed.status).toBe(200);
      expect(closed.body.status).toBe('closed');
      const reopened = await api.call('POST', `/api/tickets/${id}/reopen`, { as: 'agent', body: { reason: 'problem wrócił' } });
      expect(reopened.body.status).toBe('in_progress');

      const history = await api.call('GET', `/api/tickets/${id}/history`, { as: 'agent' });
      expect(history.body.ticketId).toBe(id);
      expect(history.body.history.map((h: { kind: string }) => h.kind)).toEqual(
        expect.arrayContaining(['created', 'assigned', 'reply', 'status', 'customer_message']),
      );
      expect(
        history.body.history.filter((h: { kind: string; to: string }) => h.kind === 'status').map((h: { to: string }) => h.to),
      ).toEqual(['in_progress', 'waiting_on_customer', 'in_progress', 'resolved', 'closed', 'in_progress']);
      expect(history.body.deadline).toMatchObject({ state: 'answered', calendar: 'always' });

      // The C ticket is next in the queue for another agent; then the queue is empty.
      const next = await api.call('POST', '/api/queues/claim', { as: 'agent2', body: { categories: ['technical'] } });
      expect(next.body.ticket).toMatchObject({ id: c.body.id, assignee: 'bob' });
      const none = await api.call('POST', '/api/queues/claim', { as: 'agent2', body: { categories: ['technical'] } });
      expect(none.body).toEqual({ ticket: null });
    });

    it('answers illegal transitions with 409 and says what is allowed', async () => {
      const { body: ticket } = await open();
      const closing = await api.call('POST', `/api/tickets/${ticket.id}/close`, { as: 'agent' });
      expect(closing.status).toBe(409);
      expect(closing.body).toMatchObject({ error: 'illegal_transition', message: expect.stringContaining('allowed: in_progress') });
      const reopen = await api.call('POST', `/api/tickets/${ticket.id}/reopen`, { as: 'agent' });
      expect(reopen.status).toBe(409);
      expect(reopen.body.message).toContain('is new');
    });

    it("respects the agent's open-ticket limit when claiming, with 409", async () => {
      await open(ticketBody({ category: 'presales', title: 'Oferta 1' }));
      await open(ticketBody({ category: 'presales', title: 'Oferta 2' }));
      const first = await api.call('POST', '/api/queues/claim', { as: 'agent3', body: { categories: ['presales'], maxOpen: 1 } });
      expect(first.body.ticket.assignee).toBe('carol');
      const second = await api.call('POST', '/api/queues/claim', { as: 'agent3', body: { categories: ['presales'], maxOpen: 1 } });
      expect(second.status).toBe(409);
      expect(second.body.error).toBe('open_ticket_limit');
    });

    it.each([
      [{ categories: [] }, 'categories: Array must contain at least 1 element(s)'],
      [{ categories: ['hardware'] }, 'categories.0: Invalid enum value'],
      [{ categories: ['technical'], maxOpen: 0 }, 'maxOpen: Number must be greater than or equal to 1'],
      [{}, 'categories: Required'],
    ])('answers a bad claim %j with 400 naming the field', async (body, message) => {
      const res = await api.call('POST', '/api/queues/claim', { as: 'agent', body });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(message);
    });

    it('changes the grade, needs a reason to lower it, and refuses a grade the rules forbid', async () => {
      const { body: ticket } = await open(ticketBody({ grade: 'B' }));
      const lowered = await api.call('POST', `/api/tickets/${ticket.id}/grade`, { as: 'agent', body: { grade: 'C' } });
      expect(lowered.status).toBe(422);
      expect(lowered.body.error).toBe('reason_required');
      const excuse = await api.call('POST', `/api/tickets/${ticket.id}/grade`, {
        as: 'agent',
        body: { grade: 'C', reason: 'kolejka jest pełna' },
      });
      expect(excuse.status).toBe(422);
      expect(excuse.body).toMatchObject({
        error: 'reason_required',
        message: expect.stringContaining('customer_not_responding, agreed_with_customer, wrong_initial_grade'),
      });
      const withReason = await api.call('POST', `/api/tickets/${ticket.id}/grade`, {
        as: 'agent',
        body: { grade: 'C', reason: 'wrong_initial_grade', evidence: 'dotyczy jednego użytkownika' },
      });
      expect(withReason.status).toBe(200);
      expect(withReason.body.grade).toBe('C');
      expect(withReason.body.sla.dueAt).toBe('2026-03-13T09:00:00.000Z');
      const toA = await api.call('POST', `/api/tickets/${ticket.id}/grade`, { as: 'agent', body: { grade: 'A', reason: 'pilne' } });
      expect(toA.status).toBe(422);
      expect(toA.body.error).toBe('severity_not_allowed');
      const bad = await api.call('POST', `/api/tickets/${ticket.id}/grade`, { as: 'agent', body: { grade: 'Z' } });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('grade:');
    });

    it('assigns and unassigns by hand, and validates the agent id', async () => {
      const { body: ticket } = await open();
      const assigned = await api.call('POST', `/api/tickets/${ticket.id}/assign`, { as: 'supervisor', body: { agentId: 'bob' } });
      expect(assigned.body.assignee).toBe('bob');
      const unassigned = await api.call('POST', `/api/tickets/${ticket.id}/assign`, { as: 'supervisor', body: { agentId: null } });
      expect(unassigned.body.assignee).toBeNull();
      const queue = await api.call('GET', '/api/queues/technical?limit=200', { as: 'agent' });
      expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
      const bad = await api.call('POST', `/api/tickets/${ticket.id}/assign`, { as: 'agent', body: { agentId: 'bob smith' } });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('agentId:');
    });

    it('answers an empty reply with 400', async () => {
      const { body: ticket } = await open();
      const res = await api.call('POST', `/api/tickets/${ticket.id}/replies`, { as: 'agent', body: { text: '   ' } });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('text: must not be empty');
    });
  });
});
