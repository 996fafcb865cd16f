import { startConsoleApp } from '../../browser/support/consoleApp';
import { signInOverHttp, type ConsoleSession } from '../../support/oidcSession';

// Skills decide whose queues an agent works: Alice and Dave are skilled for technical tickets,
// Bob for billing and pre-sales, Carol supervises. Each signs in through the identity provider, whose
// claims carry the role and skills.

let app: Awaited<ReturnType<typeof startConsoleApp>>;
let alice: ConsoleSession;
let bob: ConsoleSession;
let carol: ConsoleSession;
let dave: ConsoleSession;

beforeAll(async () => {
  app = await startConsoleApp();
  [alice, bob, carol, dave] = await Promise.all([
    signInOverHttp(app.url, 'alice'),
    signInOverHttp(app.url, 'bob'),
    signInOverHttp(app.url, 'carol'),
    signInOverHttp(app.url, 'dave'),
  ]);
});

afterAll(async () => {
  await app?.close();
});

async function post(as: ConsoleSession, path: string, body: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { cookie: as.cookie, 'x-csrf-token': as.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

test('claim-next skips the queues an agent has no skill for; an explicit claim of such a ticket is refused, naming the skill', async () => {
  const technical = await app.open({ orgId: 'contoso', category: 'technical', grade: 'A', title: 'Exchange Online nie działa' });
  const billing = await app.open({ orgId: 'fabrikam', category: 'billing', grade: 'C', title: 'Faktura za marzec' });

  // Bob asks for both queues: the urgent technical ticket is not his to take.
  const claimed = await post(bob, '/api/queues/claim', { categories: ['technical', 'billing'] });
  expect(claimed.status).toBe(200);
  expect(claimed.body.ticket).toMatchObject({ id: billing.id, assignee: 'bob' });
  expect(await post(bob, '/api/queues/claim', { categories: ['technical'] })).toEqual({ status: 200, body: { ticket: null } });

  const explicit = await post(bob, `/api/tickets/${technical.id}/assign`, { agentId: 'bob' });
  expect(explicit.status).toBe(422);
  expect(explicit.body).toEqual({
    error: 'skill_missing',
    message: 'bob has no technical skill (skills: billing, presales): a technical ticket goes to an agent skilled for it',
  });
  expect((await app.service.get(technical.id))!.assignee).toBeNull();

  // Alice has the skill and takes it.
  expect((await post(alice, `/api/tickets/${technical.id}/assign`, { agentId: 'alice' })).body.assignee).toBe('alice');
});

test('only a supervisor reassigns, and only to someone skilled for the category', async () => {
  const ticket = await app.open({ orgId: 'contoso', category: 'technical', grade: 'B', title: 'Teams się nie uruchamia' });
  const invoice = await app.open({ orgId: 'contoso', category: 'billing', grade: 'B', title: 'Korekta faktury' });
  expect((await post(alice, `/api/tickets/${ticket.id}/assign`, { agentId: 'alice' })).status).toBe(200);

  // An agent neither hands a ticket on nor takes a colleague's.
  const handOn = await post(alice, `/api/tickets/${invoice.id}/assign`, { agentId: 'bob' });
  expect(handOn).toMatchObject({ status: 403, body: { error: 'supervisor_required' } });
  const takeOver = await post(carol, `/api/tickets/${invoice.id}/assign`, { agentId: 'bob' });
  expect(takeOver.status).toBe(200);
  expect((await post(alice, `/api/tickets/${invoice.id}/assign`, { agentId: 'alice' })).body).toMatchObject({
    error: 'supervisor_required',
    message: `${invoice.id} is assigned to bob: only a supervisor reassigns it`,
  });

  // The supervisor reassigns, within the skills, and not to a stranger.
  expect((await post(carol, `/api/tickets/${ticket.id}/assign`, { agentId: 'bob' })).body).toMatchObject({ error: 'skill_missing' });
  expect((await post(carol, `/api/tickets/${ticket.id}/assign`, { agentId: 'nobody-here' })).body).toMatchObject({
    error: 'invalid_agent',
  });
  const moved = await post(carol, `/api/tickets/${ticket.id}/assign`, { agentId: 'carol' });
  expect(moved.status).toBe(200);
  expect(moved.body.history.at(-1)).toMatchObject({ kind: 'assigned', actor: 'supervisor:carol', from: 'alice', to: 'carol' });
});

test('two agents taking the same ticket at once: one gets it, the other is refused, never both', async () => {
  const tickets = await Promise.all(
    Array.from({ length: 12 }, (_, i) => app.open({ orgId: 'contoso', category: 'technical', grade: 'B', title: `Outlook ${i}` })),
  );
  // Every request in flight together, so each pair's reads and writes interleave.
  const outcomes = await Promise.all(
    tickets.map(({ id }) =>
      Promise.all([
        post(alice, `/api/tickets/${id}/assign`, { agentId: 'alice' }),
        post(dave, `/api/tickets/${id}/assign`, { agentId: 'dave' }),
      ]),
    ),
  );
  for (const [i, [byAlice, byDave]] of outcomes.entries()) {
    const { id } = tickets[i]!;
    expect([byAlice.status, byDave.status].sort()).toEqual([200, 403]);
    const [won, lost] = byAlice.status === 200 ? ['alice', byDave] : ['dave', byAlice];
    expect(lost.body).toEqual({ error: 'supervisor_required', message: `${id} is assigned to ${won}: only a supervisor reassigns it` });
    const ticket = (await app.service.get(id))!;
    expect(ticket.assignee).toBe(won);
    expect(ticket.history.filter((h) => h.kind === 'assigned')).toEqual([expect.objectContaining({ from: null, to: won })]);
  }
});
