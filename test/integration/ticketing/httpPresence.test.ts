import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { SERVICE_API_TOKENS } from '../../support/serviceProcess';
import { TEST_TOKENS, ticketBody } from '../../support/ticketingApiServer';
import { uniquePrefix } from '../../support/redis';

/** Two instances of one service: an agent on each, the same ticket open. */
describe('presence on a ticket', () => {
  const prefix = uniquePrefix('presence');
  const env = { API_TOKENS: `${SERVICE_API_TOKENS},${TEST_TOKENS.agent2}:agent:bob` };
  let a: DeskApp;
  let b: DeskApp;
  beforeAll(async () => {
    a = await startDeskApp('presence-a', { prefix, env });
    b = await startDeskApp('presence-b', { prefix, env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const beat = async (desk: DeskApp, as: 'agent' | 'agent2' | 'system', id: string, state: string) => {
    const res = await fetch(`${desk.url}/api/tickets/${id}/presence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS[as]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state }),
    });
    return { status: res.status, body: (await res.json()) as { others: { agent: string; state: string }[] } };
  };

  it('shows each agent the other, viewing or typing, across instances, until one leaves', async () => {
    const { ticket } = await a.app.tickets.create(ticketBody() as Parameters<DeskApp['app']['tickets']['create']>[0], 'presence-1');
    expect((await beat(a, 'agent', ticket.id, 'viewing')).body.others).toEqual([]);
    const bobSees = await beat(b, 'agent2', ticket.id, 'viewing');
    expect(bobSees.body.others).toEqual([expect.objectContaining({ agent: 'alice', state: 'viewing' })]);
    expect((await beat(a, 'agent', ticket.id, 'typing')).body.others).toEqual([
      expect.objectContaining({ agent: 'bob', state: 'viewing' }),
    ]);
    expect((await beat(b, 'agent2', ticket.id, 'viewing')).body.others).toEqual([
      expect.objectContaining({ agent: 'alice', state: 'typing' }),
    ]);

    const left = await fetch(`${a.url}/api/tickets/${ticket.id}/presence`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TEST_TOKENS.agent}` },
    });
    expect(left.status).toBe(204);
    expect((await beat(b, 'agent2', ticket.id, 'viewing')).body.others).toEqual([]);
  });

  it('is refused for the bot, a bad state and a ticket that does not exist', async () => {
    const { ticket } = await a.app.tickets.create(ticketBody() as Parameters<DeskApp['app']['tickets']['create']>[0], 'presence-2');
    expect((await beat(a, 'system', ticket.id, 'viewing')).status).toBe(403);
    expect((await beat(a, 'agent', ticket.id, 'dancing')).status).toBe(400);
    expect((await beat(a, 'agent', 'SR-2026-999999', 'viewing')).status).toBe(404);
  });
});
