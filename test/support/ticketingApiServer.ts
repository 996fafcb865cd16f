import { mkdtempSync, rmSync } from 'fs';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import type { RedisClient } from '../../common/redisConnection';
import { createServer } from '../../bot/server';
import { silentLogger } from '../../common/logger';
import { DEMO_DIRECTORY_FILE, loadDirectory } from '../../ticketing/demo/loadDirectory';
import { AccessGate, registerTicketingRoutes } from '../../ticketing/http';
import { TokenRegistry, type TokenEntry } from '../../ticketing/http/tokens';
import { TicketService } from '../../ticketing/service/ticketService';
import { OrganisationStore } from '../../ticketing/store/organisationStore';
import { testRedis, uniquePrefix } from './redis';

/** One token per role (and a second agent), as a test's callers. */
export const TEST_TOKENS = {
  agent: 'agent-token-alice-0123456789',
  agent2: 'agent-token-bob-0123456789ab',
  agent3: 'agent-token-carol-0123456789',
  supervisor: 'supervisor-token-sam-01234567',
  system: 'system-token-bot-0123456789',
  operator: 'operator-token-ops-012345678',
} as const;

const ENTRIES: TokenEntry[] = [
  { token: TEST_TOKENS.agent, role: 'agent', id: 'alice' },
  { token: TEST_TOKENS.agent2, role: 'agent', id: 'bob' },
  { token: TEST_TOKENS.agent3, role: 'agent', id: 'carol' },
  { token: TEST_TOKENS.supervisor, role: 'supervisor', id: 'sam' },
  { token: TEST_TOKENS.system, role: 'system', id: 'bot' },
  { token: TEST_TOKENS.operator, role: 'operator', id: 'ops' },
];

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON the test inspects
}

/**
 * The product's restify server with the ticketing API on a loopback port, over the run's real
 * Redis under a fresh prefix, with the demo directory loaded and a clock the test sets.
 */
export async function startTicketingApi(name: string) {
  const redis: RedisClient = testRedis();
  const prefix = uniquePrefix(name);
  const clock = { now: new Date('2026-03-10T09:00:00.000Z') };
  const organisations = new OrganisationStore(redis, prefix);
  await loadDirectory(DEMO_DIRECTORY_FILE, organisations);
  const archiveDir = mkdtempSync(join(tmpdir(), 'desk-api-archive-'));
  const service = new TicketService({ redis, prefix, organisations, clock: () => new Date(clock.now), archiveDir });
  const server = createServer({ logger: silentLogger });
  registerTicketingRoutes(server, {
    service,
    organisations,
    logger: silentLogger,
    clock: () => new Date(clock.now),
    gate: new AccessGate({ tokens: new TokenRegistry(ENTRIES, 'test tokens'), redis, prefix }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** One HTTP call; `token` is a TEST_TOKENS key, a raw token string, or null for none. */
  async function call(
    method: string,
    path: string,
    options: { as?: keyof typeof TEST_TOKENS | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${TEST_TOKENS[options.as]}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(base + path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  return {
    base,
    server,
    service,
    organisations,
    redis,
    prefix,
    clock,
    call,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
      rmSync(archiveDir, { recursive: true, force: true });
    },
  };
}

export type TicketingApi = Awaited<ReturnType<typeof startTicketingApi>>;

/** A valid ticket for the demo directory's standard organisation (fabrikam, admin jan.nowak). */
export function ticketBody(overrides: Record<string, unknown> = {}) {
  return {
    orgId: 'fabrikam',
    adminId: 'jan.nowak',
    category: 'technical',
    grade: 'B',
    title: 'Outlook nie synchronizuje poczty',
    description: 'Od rana skrzynki trzech użytkowników nie pobierają nowych wiadomości.',
    affected: 'Exchange Online, 3 users',
    contact: { email: 'jan.nowak@fabrikam.pl', preferred: 'email' },
    ...overrides,
  };
}
