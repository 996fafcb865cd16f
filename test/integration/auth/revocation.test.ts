import { CONSOLE_TOKENS, startConsoleApp } from '../../browser/support/consoleApp';
import { signInOverHttp } from '../../support/oidcSession';
import { uniquePrefix } from '../../support/redis';

// Two instances of one desk (one Redis, one prefix): a supervisor revokes an agent on one, and
// the agent's session and API token are refused on both at once, with no wait and no restart.

let one: Awaited<ReturnType<typeof startConsoleApp>>;
let two: Awaited<ReturnType<typeof startConsoleApp>>;
const prefix = uniquePrefix('revocation');

beforeAll(async () => {
  [one, two] = await Promise.all([startConsoleApp({ prefix }), startConsoleApp({ prefix })]);
});

afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
});

const me = (base: string, headers: Record<string, string>) => fetch(`${base}/api/console/me`, { headers });

test('a supervisor revokes an agent: her sessions and token are refused at once on every instance, and the audit log says who did it', async () => {
  const alice = await signInOverHttp(one.url, 'alice');
  const carol = await signInOverHttp(two.url, 'carol');
  const token = { authorization: `Bearer ${CONSOLE_TOKENS.agent}` }; // alice's API token
  for (const base of [one.url, two.url]) {
    expect((await me(base, { cookie: alice.cookie })).status).toBe(200);
    expect((await me(base, token)).status).toBe(200);
  }

  // An agent may not revoke anyone, not even with her session and CSRF token.
  const byAgent = await fetch(`${one.url}/api/auth/people/carol/revoke`, {
    method: 'POST',
    headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf },
  });
  expect(byAgent.status).toBe(403);

  const revoked = await fetch(`${two.url}/api/auth/people/alice/revoke`, {
    method: 'POST',
    headers: { cookie: carol.cookie, 'x-csrf-token': carol.csrf },
  });
  expect(revoked.status).toBe(200);
  expect(await revoked.json()).toEqual({ person: 'alice', sessions: 1, tokens: 1 });

  // The very next request, on either instance.
  for (const base of [one.url, two.url]) {
    expect((await me(base, { cookie: alice.cookie })).status).toBe(401);
    const refused = await me(base, token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ message: 'the bearer token has been revoked' });
  }
  // Carol is untouched; she may sign in again elsewhere, and so may Alice (the provider decides who may).
  expect((await me(one.url, { cookie: carol.cookie })).status).toBe(200);
  const again = await signInOverHttp(one.url, 'alice');
  expect((await me(two.url, { cookie: again.cookie })).status).toBe(200);

  const audit = await fetch(`${one.url}/api/audit?limit=100`, { headers: { cookie: carol.cookie } });
  expect(audit.status).toBe(200);
  const { entries } = (await audit.json()) as { entries: Array<Record<string, unknown>> };
  expect(entries).toContainEqual(
    expect.objectContaining({ actor: 'supervisor:carol', action: 'POST /api/auth/people/:id/revoke', target: 'alice', status: 200 }),
  );
  expect(entries).toContainEqual(
    expect.objectContaining({ actor: 'agent:alice', action: 'refused', status: 401, detail: 'revoked token' }),
  );
  // The audit log is the supervisors' (and operators'): an agent gets 403.
  expect((await fetch(`${one.url}/api/audit`, { headers: { cookie: again.cookie } })).status).toBe(403);

  // The keys keep the names a running desk already has, so an upgrade signs nobody out and
  // forgets no revocation; each sits under its hash tag, a person's sessions in one slot.
  const redis = one.service.store.redis;
  const named = ['{auth}:revoked-tokens', '{auth:alice}:sessions', '{people}:alice', '{people}:carol', '{audit}:log'];
  for (const key of named) expect([key, await redis.exists(`${prefix}${key}`)]).toEqual([key, 1]);
  const [digest] = await redis.smembers(`${prefix}{auth:alice}:sessions`);
  expect(await redis.exists(`${prefix}{auth:alice}:session:${digest}`)).toBe(1);
});
