import { CONSOLE_TOKENS, startConsoleApp } from '../../browser/support/consoleApp';
import { signInOverHttp, type ConsoleSession } from '../../support/oidcSession';
import { keysMatching, testRedis, uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/waitFor';
import { SessionStore } from '../../../ticketing/store/sessionStore';

// Agents' sessions as an attacker meets them: the console's cookie alone changes nothing, a
// change needs the session's CSRF token too, and machines keep their bearer tokens.

let app: Awaited<ReturnType<typeof startConsoleApp>>;
let alice: ConsoleSession;

beforeAll(async () => {
  app = await startConsoleApp();
  alice = await signInOverHttp(app.url, 'alice');
});

afterAll(async () => {
  await app?.close();
});

function claim(headers: Record<string, string>) {
  return fetch(`${app.url}/api/queues/claim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ categories: ['technical'] }),
  });
}

test('an agent signs in through the identity provider and gets a session that names her, in an HttpOnly SameSite cookie', async () => {
  const me = await fetch(`${app.url}/api/console/me`, { headers: { cookie: alice.cookie } });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ id: 'alice', role: 'agent', name: 'Alice Nowak', skills: ['technical'] });
  expect(alice.csrf).toMatch(/^[\w-]{43}$/);

  const login = await fetch(`${app.url}/auth/login`, { redirect: 'manual' });
  expect(login.status).toBe(303);
  const authorize = new URL(login.headers.get('location')!);
  expect(authorize.origin).toBe(app.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  // The loopback desk is plain http, so the cookie is not Secure here; an https desk's is.
  expect(login.headers.get('set-cookie')).toMatch(/^desk_login=[\w-]+; Path=\/auth; HttpOnly; SameSite=Lax; Max-Age=600$/);
  const audit = await app.audit.page(0, 50);
  expect(audit.entries).toContainEqual(expect.objectContaining({ actor: 'agent:alice', action: 'sign_in' }));
});

test('no change without a live session AND its CSRF token; reads need only the session; machines use bearer tokens', async () => {
  const ticket = await app.open({ orgId: 'fabrikam', category: 'technical', grade: 'C', title: 'Drukarka nie drukuje' });

  // The cookie alone (what a page on another site can make the browser send) changes nothing.
  const noToken = await claim({ cookie: alice.cookie });
  expect(noToken.status).toBe(403);
  expect(await noToken.json()).toMatchObject({ error: 'csrf_token_invalid' });
  const wrongToken = await claim({ cookie: alice.cookie, 'x-csrf-token': 'A'.repeat(43) });
  expect(wrongToken.status).toBe(403);
  // Another session's token does not fit this session.
  const bob = await signInOverHttp(app.url, 'bob');
  expect((await claim({ cookie: alice.cookie, 'x-csrf-token': bob.csrf })).status).toBe(403);
  // The token without the session, or with a forged cookie, is no one.
  expect((await claim({ 'x-csrf-token': alice.csrf })).status).toBe(401);
  expect(
    (await claim({ cookie: `desk_session=${Buffer.from('alice').toString('base64url')}.${'x'.repeat(43)}`, 'x-csrf-token': alice.csrf }))
      .status,
  ).toBe(401);
  expect((await app.service.get(ticket.id))!.assignee).toBeNull();

  // Reads need only the session.
  expect((await fetch(`${app.url}/api/tickets/${ticket.id}`, { headers: { cookie: alice.cookie } })).status).toBe(200);
  // Both together: the change is made, and the audit log names who made it.
  const claimed = await claim({ cookie: alice.cookie, 'x-csrf-token': alice.csrf });
  expect(claimed.status).toBe(200);
  expect((await claimed.json()).ticket).toMatchObject({ id: ticket.id, assignee: 'alice' });
  const audit = await app.audit.page(0, 50);
  expect(audit.entries).toContainEqual(expect.objectContaining({ actor: 'agent:alice', action: 'POST /api/queues/claim', status: 200 }));
  expect(audit.entries).toContainEqual(expect.objectContaining({ actor: 'agent:alice', action: 'refused', status: 403 }));

  // A machine's bearer token needs no cookie and no CSRF token.
  const viaToken = await fetch(`${app.url}/api/tickets/${ticket.id}/replies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CONSOLE_TOKENS.agent}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Sprawdzamy drukarkę.' }),
  });
  expect(viaToken.status).toBe(201);
});

test('signing out ends the session on the server: the same cookie is refused afterwards', async () => {
  const session = await signInOverHttp(app.url, 'carol');
  expect((await fetch(`${app.url}/auth/logout`, { method: 'POST', headers: { cookie: session.cookie } })).status).toBe(403);
  const out = await fetch(`${app.url}/auth/logout`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
  expect(out.status).toBe(204);
  expect(out.headers.get('set-cookie')).toMatch(/^desk_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
  const after = await fetch(`${app.url}/api/console/me`, { headers: { cookie: session.cookie } });
  expect(after.status).toBe(401);
  expect(await after.json()).toMatchObject({ message: 'your session has ended: sign in again' });
});

test('a callback the desk did not start (no sign-in cookie, or a stale state) signs nobody in', async () => {
  const login = await fetch(`${app.url}/auth/login`, { redirect: 'manual' });
  const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
  // An attacker's link carries a state, but the victim's browser has no matching sign-in cookie.
  const forged = await fetch(`${app.url}/auth/callback?code=stolen&state=${state}`, { redirect: 'manual' });
  expect(forged.status).toBe(403);
  expect(forged.headers.get('set-cookie')).toBeNull();
  expect(await forged.text()).toContain('this sign-in was not started here or has expired');
});

test('a session ends after its idle time, and after its absolute lifetime however active', async () => {
  const redis = testRedis();
  try {
    const clock = { now: Date.now() };
    const prefix = uniquePrefix('sessions');
    const store = new SessionStore<{ id: string }>(redis, prefix, { idleMs: 1500, absoluteMs: 3_600_000 }, () => clock.now);
    const idle = await store.start({ id: 'alice' });
    expect((await store.read(idle.cookie))?.person.id).toBe('alice');
    // Watched without reading it (a read is use, and restarts the idle time).
    await waitFor(async () => (await keysMatching(redis, `${prefix}*:session:*`)).length === 0, 'the idle session to end');
    expect(await store.read(idle.cookie)).toBeNull();

    const busy = await store.start({ id: 'alice' });
    clock.now += 3_600_000;
    expect(await store.read(busy.cookie)).toBeNull();
  } finally {
    redis.disconnect();
  }
});
