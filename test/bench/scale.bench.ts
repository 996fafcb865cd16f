/**
 * `npm run bench:scale`: what each operation costs as the store grows, in one run. One private
 * redis-server (no persistence: the figures are the code's, not the disk's) is preloaded to
 * 10,000, 100,000 and 1,000,000 tickets (28% open) by the bulk loader (support/bulkLoad.ts: the
 * records, indexes, cells, search terms, queues, due entries and counters exactly as the store's
 * save script writes them, checked against it at the start, without the API in between). At each size the whole service
 * is started on it (bot/app.ts) and timed through its HTTP API, each figure beside its floor: the
 * raw Redis commands the operation cannot do without. Then the start of a version that finds the
 * store without the cells and search marks (an upgrade): how soon it listens, and how fast the
 * background fill goes. At the end every figure's growth from the smallest to the largest size,
 * flagged when it more than doubles. Writes test/bench/results/scale.json.
 *
 * SCALE_SIZES=10000,100000 picks other sizes (ascending); BENCH_QUICK=1 is 2,000 and 20,000.
 * SCALE_ONLY=reads takes only the filtered lists and the searches (no writes, /metrics or upgrade
 * pass) and writes test/bench/results/scale-reads.json: minutes instead of the whole run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { buildApp, type App } from '../../bot/app';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { addAgentReply, askCustomer, assign, changeStatus, openTicket, type NewTicketInput } from '../../ticketing/domain/ticket';
import { formatTicketId } from '../../ticketing/domain/ticketId';
import type { Category, Grade, Organisation, Ticket, TicketStatus } from '../../ticketing/domain/types';
import { keys } from '../../ticketing/store/keys';
import { indexEntriesOf, type IndexEntries } from '../../ticketing/store/indexEntries';
import { dueEventsOf } from '../../ticketing/domain/dueEvents';
import { deliveryDueOf } from '../../ticketing/domain/delivery';
import { queueScore } from '../../ticketing/domain/queueScore';
import { termsOfText } from '../../ticketing/domain/searchTerms';
import { OrganisationStore } from '../../ticketing/store/organisationStore';
import { listIndexKey, type ListIndex } from '../../ticketing/store/ticketStore';
import { startRedisServer } from '../support/redisServer';
import { bulkInsert, rowOf, sameAsSaveScript, type StoredRow } from './support/bulkLoad';
import { latencyStats, msSince, rate } from './support/stats';
import { printTable, type BenchRow } from './support/table';

const QUICK = process.env.BENCH_QUICK === '1';
const READS_ONLY = process.env.SCALE_ONLY === 'reads';
const SIZES = (process.env.SCALE_SIZES ?? (QUICK ? '2000,20000' : '10000,100000,1000000')).split(',').map(Number);
const PREFIX = 'scale:';
const YEAR = 2026;
const ORGS = 100;
const LOAD_BATCH = 2_000;
const LOAD_PARALLEL = 2; // one batch built in Node while Redis writes the other
const SAMPLES = 100; // timed calls per write figure and size
const SCRAPES = 20; // a p50 of 5 scrapes of a few ms each follows the machine's load more than the store
const LIST_REPEATS = 3; // a filtered list at 1M took 22 s before: few repeats, the median kept
const DAY = 86_400_000;
const TOKENS = {
  system: 'scale-system-token-0123456789',
  agent: 'scale-agent-token-01234567890',
  operator: 'scale-operator-token-012345678',
};

/** The issue's mix: 28% open (new 10, in progress 10, waiting 8), resolved 12, closed 60, per 100 tickets. */
const STATUS_MIX: [TicketStatus, number][] = [
  ['new', 10],
  ['in_progress', 10],
  ['waiting_on_customer', 8],
  ['resolved', 12],
  ['closed', 60],
];
/** Grade A only for technical requests, so `category=billing&grade=A` matches nothing; org-000 never has an A. */
const KINDS: [Grade, Category][] = [
  ['A', 'technical'],
  ['B', 'technical'],
  ['C', 'technical'],
  ['B', 'technical'],
  ['B', 'billing'],
  ['C', 'billing'],
  ['B', 'presales'],
  ['C', 'presales'],
];
const orgId = (n: number) => `org-${String(n).padStart(3, '0')}`;
const organisation = (n: number): Organisation => ({
  id: orgId(n),
  name: `Organizacja ${n}`,
  timeZone: 'Europe/Warsaw',
  contract: 'premier',
  administrators: [{ id: 'adm', name: 'Admin', email: `admin@org${n}.example`, chatIdentities: [] }],
});
const input = (org: string, grade: Grade, category: Category, i: number): NewTicketInput => ({
  orgId: org,
  adminId: 'adm',
  category,
  grade,
  title: `Exchange Online nie wysyła poczty ${i}`,
  description: 'Od rana użytkownicy nie mogą wysyłać wiadomości; odbiór działa.',
  affected: '20 users',
  contact: { email: 'admin@bench.example', preferred: 'email' },
});

/** One real ticket per status and kind, made by the domain's own rules; copies get new ids, orgs and deadlines. */
function templates(now: Date): Map<string, Ticket> {
  const out = new Map<string, Ticket>();
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  for (const [grade, category] of KINDS) {
    const opened = openTicket(input(orgId(1), grade, category, 0), organisation(1), formatTicketId(YEAR, 1), now);
    const working = assign(opened, 'agent-0', 'agent:agent-0', later(1));
    const answered = addAgentReply(changeStatus(working, 'in_progress', 'agent:agent-0', later(2)), 'agent-0', 'Sprawdzamy.', later(3));
    const resolved = changeStatus(answered, 'resolved', 'agent:agent-0', later(60));
    const byStatus: Record<TicketStatus, Ticket> = {
      new: opened,
      in_progress: changeStatus(working, 'in_progress', 'agent:agent-0', later(2)),
      waiting_on_customer: askCustomer(working, 'agent-0', 'Którzy użytkownicy?', later(2)),
      resolved,
      closed: changeStatus(resolved, 'closed', 'agent:agent-0', later(120)),
    };
    for (const [status, ticket] of Object.entries(byStatus)) out.set(`${status}|${grade}|${category}`, ticket);
  }
  return out;
}

/** What ticket number n of the preload changes in its template (its shape); the rest is the template's. */
interface Copy {
  shape: string;
  id: string;
  orgId: string;
  createdAt: string;
  description: string;
  /** Added to the template's SLA deadlines. */
  shiftMs: number;
}

/** Ticket number n (1-based) of the preload: its status, kind and organisation follow from n alone. */
function copyOf(n: number, shapes: Map<string, Ticket>, nowMs: number): Copy {
  let slot = n % 100;
  const [status] = STATUS_MIX.find(([, share]) => (slot -= share) < 0)!;
  const [grade, category] = KINDS[Math.floor(n / 100) % KINDS.length]!;
  let org = n % ORGS;
  if (grade === 'A' && org === 0) org = 1;
  const shape = `${status}|${grade}|${category}`;
  return {
    shape,
    id: formatTicketId(YEAR, n),
    // One word of each thousand tickets, so that searches have rare words as well as common ones.
    description: `${shapes.get(shape)!.description} Lokalizacja: biuro${n % 1000}.`,
    orgId: orgId(org),
    createdAt: new Date(nowMs - 300 * DAY + n * 10).toISOString(),
    // Deadlines a day or more ahead, so that no SLA event fires while the figures are taken.
    shiftMs: DAY + ((n * 7919) % (2 * DAY)),
  };
}

function ticketOf(c: Copy, shapes: Map<string, Ticket>): Ticket {
  const t = shapes.get(c.shape)!;
  const moved = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + c.shiftMs).toISOString());
  return {
    ...t,
    id: c.id,
    description: c.description,
    orgId: c.orgId,
    createdAt: c.createdAt,
    sla: { ...t.sla, dueAt: moved(t.sla.dueAt), warningAt: moved(t.sla.warningAt) },
  };
}

const ticketNumber = (n: number, shapes: Map<string, Ticket>, nowMs: number) => ticketOf(copyOf(n, shapes, nowMs), shapes);

/**
 * The stored form of ticket number n without computing it all per ticket: JSON.stringify and
 * indexEntriesOf cost ~0.1-0.5 ms a ticket (the search terms most), minutes at a million on a busy
 * machine. Per shape, the ticket's JSON with markers where a copy differs; per shape, organisation
 * and description, its index entries (the search terms without the number); per ticket only what
 * depends on its id, creation time and deadlines is computed, by the store's own functions.
 * `rowsAgree` and the save-script comparison at the start check it against the slow way.
 */
class Preload {
  private readonly json = new Map<string, string[]>();
  private readonly entries = new Map<string, IndexEntries>();

  constructor(
    private readonly shapes: Map<string, Ticket>,
    private readonly nowMs: number,
  ) {}

  row(n: number): StoredRow {
    const c = copyOf(n, this.shapes, this.nowMs);
    const ticket = ticketOf(c, this.shapes);
    const known = `${c.shape}|${c.orgId}|${c.description}`;
    let e = this.entries.get(known);
    if (!e) this.entries.set(known, (e = indexEntriesOf({ ...ticket, id: '' })));
    const number = String(n);
    const entries: IndexEntries = {
      ...e,
      created: Date.parse(c.createdAt),
      due: dueEventsOf(ticket).map((d) => [d.member, d.dueAtMs]),
      delivery: deliveryDueOf(ticket).map((d) => [d.member, d.dueAtMs]),
      search: [number, ...e.search.filter((term) => term !== number)],
    };
    if (e.queue !== undefined) entries.queue = queueScore(ticket);
    return { id: c.id, json: this.jsonOf(c, ticket), entries };
  }

  /** The template's JSON cut at markers put where a copy differs, then each marker's value filled in. */
  private jsonOf(c: Copy, ticket: Ticket): string {
    let parts = this.json.get(c.shape);
    if (!parts) {
      const mark = (name: string) => `\u0001${name}\u0001`; // written \\u0001 in JSON: in no ticket's text
      const marked = { ...ticket, id: mark('id'), description: mark('description'), orgId: mark('orgId'), createdAt: mark('createdAt') };
      marked.sla = { ...ticket.sla, dueAt: ticket.sla.dueAt && mark('dueAt'), warningAt: ticket.sla.warningAt && mark('warningAt') };
      this.json.set(c.shape, (parts = JSON.stringify(marked).split(/\\u0001(\w+)\\u0001/)));
    }
    const { id, description, orgId, createdAt } = c;
    const values: Record<string, string | null> = {
      id,
      description,
      orgId,
      createdAt,
      dueAt: ticket.sla.dueAt,
      warningAt: ticket.sla.warningAt,
    };
    let out = '';
    for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? parts[i] : JSON.stringify(values[parts[i]!]).slice(1, -1);
    return out;
  }

  /** Throws unless ticket number n's fast row is the one the store's own functions give. */
  agree(n: number): void {
    const [fast, slow] = [this.row(n), rowOf(ticketNumber(n, this.shapes, this.nowMs))];
    if (JSON.stringify(fast) !== JSON.stringify(slow)) {
      throw new Error(`preload: ticket ${n} differs from its slow form:\n  fast: ${JSON.stringify(fast)}\n  slow: ${JSON.stringify(slow)}`);
    }
  }
}

/** Every this many tickets of the preload, the fast row is compared with the one computed the slow way. */
const SPOT_CHECK_EVERY = 25_000;

/**
 * Adds tickets until the store holds `size`, numbered after the last one handed out, with the bulk
 * loader (support/bulkLoad.ts); returns the seconds it took.
 */
async function preload(redis: Redis, size: number, rows: Preload): Promise<number> {
  const from = Number((await redis.get(keys.ticketSequence(PREFIX, YEAR))) ?? 0);
  const to = from + size - (await redis.zcard(keys.allTickets(PREFIX)));
  const t0 = process.hrtime.bigint();
  const batches = Math.ceil((to - from) / LOAD_BATCH);
  await rate(batches, LOAD_PARALLEL, async (b) => {
    const first = from + 1 + b * LOAD_BATCH;
    const last = Math.min(to, first + LOAD_BATCH - 1);
    const batch = Array.from({ length: last - first + 1 }, (_, j) => rows.row(first + j));
    for (let n = first; n <= last; n++) if (n % SPOT_CHECK_EVERY === 0) rows.agree(n);
    await bulkInsert(redis, PREFIX, batch);
  });
  await redis.set(keys.ticketSequence(PREFIX, YEAR), to);
  return msSince(t0) / 1000;
}

interface Timed {
  p50: number;
  p99: number;
  /** Redis's own time (INFO commandstats usec, all clients) per call: the store's work, hardly moved by load on the machine. */
  redisUsPerCall: number;
}

/** The Redis server whose commandstats timeEach reads (set in main). */
let statsOf: Redis | undefined;

async function redisUsec(): Promise<number> {
  let usec = 0;
  for (const [, name, us] of (await statsOf!.info('commandstats')).matchAll(/^cmdstat_([\w|]+):calls=\d+,usec=(\d+)/gm))
    if (name !== 'info') usec += Number(us);
  return usec;
}

async function timeEach(count: number, call: (i: number) => Promise<unknown>): Promise<Timed> {
  const ms: number[] = [];
  const usecBefore = await redisUsec();
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    await call(i);
    ms.push(msSince(t));
  }
  const redisUsPerCall = Math.round(((await redisUsec()) - usecBefore) / count);
  const { p50, p99 } = latencyStats(ms);
  return { p50, p99, redisUsPerCall };
}

/** The Redis time per call of a figure, on its own line below it (the growth check reads it beside the wall time). */
const redisWork = (n: string, t: Timed): BenchRow => ({ figure: `${n}:   Redis time per call`, value: t.redisUsPerCall, unit: 'µs' });

/** The longest a PING waited on another connection while `work` ran: how long Redis stalled everyone else. */
async function longestStall(url: string, work: () => Promise<unknown>): Promise<{ stallMs: number }> {
  const probe = new Redis(url);
  await probe.ping();
  let running = true;
  let worst = 0;
  const probing = (async () => {
    while (running) {
      const t = process.hrtime.bigint();
      await probe.ping();
      worst = Math.max(worst, msSince(t));
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  try {
    await work();
  } finally {
    running = false;
    await probing;
    probe.disconnect();
  }
  return { stallMs: Math.round(worst * 10) / 10 };
}

class Client {
  constructor(private readonly base: string) {}

  async call(method: string, path: string, as: keyof typeof TOKENS, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKENS[as]}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST' && path === '/api/tickets') headers['idempotency-key'] = `scale-${Math.random().toString(36).slice(2)}`;
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return path === '/metrics' ? text : JSON.parse(text);
  }
}

interface Service {
  app: App;
  /** From buildApp() to listening. */
  startMs: number;
  /** From buildApp() to the SLA timers' reconciliation report. */
  reconciled: Promise<number>;
  /** From buildApp() to /readyz answering 200 with nothing still being prepared. */
  ready(): Promise<number>;
  close(): Promise<void>;
}

async function startService(redisUrl: string): Promise<Service> {
  const outbox = mkdtempSync(join(tmpdir(), 'scale-outbox-'));
  let markReconciled: (ms: number) => void = () => undefined;
  const reconciled = new Promise<number>((resolve) => (markReconciled = resolve));
  const t0 = process.hrtime.bigint();
  const logger = createLogger({
    level: 'info',
    destination: {
      write: (line: string) => {
        if (line.includes('SLA timers reconciled')) markReconciled(msSince(t0));
      },
    },
  });
  const app = await buildApp({
    logger,
    config: loadConfig({
      PORT: '0',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: PREFIX,
      API_TOKENS: `${TOKENS.system}:system:bot,${TOKENS.agent}:agent:alice,${TOKENS.operator}:operator:ops`,
      OUTBOX_DIR: outbox,
      DIRECTLINE_SECRET: 'scale-directline-secret-0123456789',
    }),
  });
  const startMs = msSince(t0);
  return {
    app,
    startMs,
    reconciled,
    async ready() {
      for (;;) {
        const res = await fetch(`${app.url}/readyz`);
        const body = (await res.json()) as { preparing?: string };
        if (res.status === 200 && body.preparing === undefined) return msSince(t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await app.close();
      rmSync(outbox, { recursive: true, force: true });
    },
  };
}

const FILTERS: [string, string][] = [
  ['category=billing&grade=A', 'no match'],
  ['orgId=org-000&grade=A', 'no match'],
  ['status=new&category=technical&grade=B', 'some'],
  ['orgId=org-007&status=in_progress', 'some'],
];

async function measure(
  size: number,
  redisUrl: string,
  redis: Redis,
  emptyStart: { startMs: number; reconcileMs: number; readyMs: number },
) {
  const rows: BenchRow[] = [];
  const n = size.toLocaleString('en');
  const service = await startService(redisUrl);
  try {
    if (READS_ONLY) {
      await service.ready();
      const api = new Client(service.app.url);
      return [...(await listFigures(n, api, redis, redisUrl)), ...(await searchFigures(n, api, redis, redisUrl))];
    }
    const reconcileMs = (await service.reconciled) - service.startMs;
    rows.push({
      figure: `${n}: start-up to listening`,
      value: Math.round(service.startMs),
      unit: 'ms',
      floor: Math.round(emptyStart.startMs),
      floorWhat: 'the same start on an empty store',
    });
    rows.push({
      figure: `${n}: start-up to ready (/readyz 200, nothing being prepared)`,
      value: Math.round(await service.ready()),
      unit: 'ms',
      floor: Math.round(emptyStart.readyMs),
      floorWhat: 'the same start on an empty store',
    });
    rows.push({
      figure: `${n}: SLA reconciliation (listening to reconciled)`,
      value: Math.round(reconcileMs),
      unit: 'ms',
      floor: Math.round(emptyStart.reconcileMs),
      floorWhat: 'the same on an empty store',
    });
    const api = new Client(service.app.url);
    const sampleJson = (await redis.hget(keys.ticket(PREFIX, formatTicketId(YEAR, 1)), 'json'))!;

    const create = await timeEach(SAMPLES, (i) => api.call('POST', '/api/tickets', 'system', input(orgId(3), 'B', 'technical', i)));
    const hsetFloor = await timeEach(SAMPLES, (i) => redis.hset(`scale-floor:${i}`, 'json', sampleJson, 'rev', 1));
    rows.push({
      figure: `${n}: create p50 (POST /api/tickets)`,
      value: create.p50,
      unit: 'ms',
      floor: hsetFloor.p50,
      floorWhat: 'HSET of the ticket JSON',
    });
    rows.push(redisWork(n, create));

    const claimed: string[] = [];
    const claim = await timeEach(SAMPLES, async () => {
      const reply = (await api.call('POST', '/api/queues/claim', 'agent', { categories: ['technical', 'billing'] })) as {
        ticket: Ticket | null;
      };
      if (!reply.ticket) throw new Error('the queues ran dry');
      claimed.push(reply.ticket.id);
    });
    const zpopFloor = await timeEach(SAMPLES, (i) =>
      redis.zpopmin(`scale-floor-queue`).then(() => redis.zadd('scale-floor-queue', i, `x${i}`)),
    );
    rows.push({
      figure: `${n}: claim-next p50 (POST /api/queues/claim)`,
      value: claim.p50,
      unit: 'ms',
      floor: zpopFloor.p50,
      floorWhat: 'ZPOPMIN + ZADD',
    });
    rows.push(redisWork(n, claim));

    const status = await timeEach(SAMPLES, (i) =>
      api.call('POST', `/api/tickets/${claimed[i]}/status`, 'agent', { status: 'in_progress' }),
    );
    rows.push({
      figure: `${n}: status change p50 (POST /api/tickets/:id/status)`,
      value: status.p50,
      unit: 'ms',
      floor: hsetFloor.p50,
      floorWhat: 'HSET of the ticket JSON',
    });
    rows.push(redisWork(n, status));

    rows.push(...(await listFigures(n, api, redis, redisUrl)));
    rows.push(...(await searchFigures(n, api, redis, redisUrl)));

    let scrape: Timed = { p50: 0, p99: 0, redisUsPerCall: 0 };
    const { stallMs } = await longestStall(redisUrl, async () => {
      scrape = await timeEach(SCRAPES, () => api.call('GET', '/metrics', 'operator'));
    });
    const scrapeFloor = await timeEach(10, () => {
      const pipeline = redis.pipeline();
      for (let i = 0; i < 12; i++) pipeline.zcard(keys.queue(PREFIX, 'technical'));
      return pipeline.exec();
    });
    rows.push({
      figure: `${n}: GET /metrics p50`,
      value: scrape.p50,
      unit: 'ms',
      floor: scrapeFloor.p50,
      floorWhat: '12 ZCARDs pipelined',
    });
    rows.push(redisWork(n, scrape));
    rows.push({ figure: `${n}:   longest Redis stall meanwhile`, value: stallMs, unit: 'ms' });
  } finally {
    await service.close();
  }
  return rows;
}

/** The filtered lists of FILTERS, each beside one index's page of records. */
async function listFigures(n: string, api: Client, redis: Redis, redisUrl: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const listFloor = await timeEach(10, async () => {
    const ids = await redis.zrevrange(keys.byOrganisation(PREFIX, orgId(7)), 0, 49);
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(keys.ticket(PREFIX, id), 'json');
    await pipeline.exec();
  });
  for (const [query, what] of FILTERS) {
    let count = 0;
    const { stallMs } = await longestStall(redisUrl, async () => {
      const t = await timeEach(LIST_REPEATS, async () => {
        count = ((await api.call('GET', `/api/tickets?${query}`, 'agent')) as { count: number }).count;
      });
      rows.push({
        figure: `${n}: GET /api/tickets?${query} (${what}: ${count}) p50`,
        value: t.p50,
        unit: 'ms',
        floor: listFloor.p50,
        floorWhat: 'ZREVRANGE of 50 ids + 50 HGETs',
      });
      rows.push(redisWork(n, t));
    });
    rows.push({ figure: `${n}:   longest Redis stall meanwhile`, value: stallMs, unit: 'ms' });
  }
  return rows;
}

/** Searches (docs/agent-workspace.md): what the index answers from, from a word every ticket has to a filter nothing matches. */
const SEARCHES: { query: string; what: string; filters: ListIndex[] }[] = [
  { query: 'q=poczty', what: 'a word every ticket has', filters: [] },
  { query: 'q=biuro17', what: 'a word of 1 ticket in 1,000', filters: [] },
  { query: 'q=poczty%20biuro17&status=new', what: 'two words and a status', filters: [{ kind: 'status', status: 'new' }] },
  {
    query: 'q=sprawdzamy&status=new',
    what: 'no match: a word of the answered tickets among the new ones',
    filters: [{ kind: 'status', status: 'new' }],
  },
  {
    query: 'q=poczty&orgId=org-000&grade=A',
    what: 'no match: every ticket of one organisation checked',
    filters: [
      { kind: 'org', orgId: orgId(0) },
      { kind: 'grade', grade: 'A' },
    ],
  },
];
const SEARCH_PAGE = 25;

async function searchFigures(n: string, api: Client, redis: Redis, redisUrl: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { query, what, filters } of SEARCHES) {
    const q = decodeURIComponent(/q=([^&]*)/.exec(query)![1]!);
    const sets = [...termsOfText(q).map((term) => keys.searchTerm(PREFIX, term)), ...filters.map((f) => listIndexKey(PREFIX, f))];
    let found: Ticket[] = [];
    let next: string | null = null;
    let t: Timed = { p50: 0, p99: 0, redisUsPerCall: 0 };
    const { stallMs } = await longestStall(redisUrl, async () => {
      t = await timeEach(LIST_REPEATS * 3, async () => {
        const page = (await api.call('GET', `/api/tickets/search?${query}&limit=${SEARCH_PAGE}`, 'agent')) as {
          items: Ticket[];
          next: string | null;
        };
        ({ items: found, next } = page);
      });
    });
    // The floor: Redis's own intersection of the same sets, stopped at a page (ZINTERCARD LIMIT), or
    // one set's newest page, then the page's records.
    const floor = await timeEach(LIST_REPEATS * 3, async () => {
      const ids = sets.length === 1 ? await redis.zrevrange(sets[0]!, 0, SEARCH_PAGE - 1) : found.map((f) => f.id);
      if (sets.length > 1) await redis.zintercard(sets.length, ...sets, 'LIMIT', SEARCH_PAGE);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hget(keys.ticket(PREFIX, id), 'json');
      await pipeline.exec();
    });
    const sizes = await Promise.all(sets.map((key) => redis.zcard(key)));
    rows.push({
      figure: `${n}: GET /api/tickets/search?${query} (${what}; sets of ${sizes.map((z) => z.toLocaleString('en')).join(' / ')}: ${found.length}${next ? ' and a cursor' : ''}) p50`,
      value: t.p50,
      unit: 'ms',
      floor: floor.p50,
      floorWhat: sets.length === 1 ? `ZREVRANGE of ${SEARCH_PAGE} ids + HGETs` : `ZINTERCARD LIMIT ${SEARCH_PAGE} of the same sets + HGETs`,
    });
    rows.push(redisWork(n, t));
    rows.push({ figure: `${n}:   longest Redis stall meanwhile`, value: stallMs, unit: 'ms' });
  }
  return rows;
}

const UPGRADE_MARKS = [keys.cellsIndexed(PREFIX), keys.searchIndexed(PREFIX)];
const FILL_SAMPLE_MS = 20_000;
const progress = (marks: string[]) => marks.map((mark) => `${mark}:progress`);

/**
 * The first start of a version that finds a store written before the cells and the search index
 * (their marks gone; the cells and terms themselves stay, and the fill re-adds them harmlessly):
 * it listens at once and fills in the background (backfillOnce.ts). The fill is watched for up to
 * 20 s and its pace given per 1,000 tickets, beside reading every ticket once; then the marks are
 * put back, as the finished fill would.
 */
async function afterUpgrade(size: number, redisUrl: string, redis: Redis): Promise<BenchRow[]> {
  const n = size.toLocaleString('en');
  await redis.del(...UPGRADE_MARKS);
  const service = await startService(redisUrl);
  const t = process.hrtime.bigint();
  let walked = 0;
  try {
    const readiness = (await (await fetch(`${service.app.url}/readyz`)).json()) as { status: string; preparing?: string };
    if (readiness.status !== 'ready') throw new Error(`after the upgrade /readyz said ${JSON.stringify(readiness)}`);
    while (msSince(t) < FILL_SAMPLE_MS) {
      const marks = await redis.exists(...UPGRADE_MARKS);
      const walking = await Promise.all(progress(UPGRADE_MARKS).map(async (key) => Number((await redis.hget(key, 'walked')) ?? 0)));
      walked = marks === UPGRADE_MARKS.length ? size : Math.min(...walking);
      if (marks === UPGRADE_MARKS.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await service.close();
  }
  const fillMs = msSince(t);
  await redis.del(...progress(UPGRADE_MARKS));
  for (const mark of UPGRADE_MARKS) await redis.set(mark, new Date().toISOString());

  const f = process.hrtime.bigint();
  let read = 0;
  let cursor = '0';
  do {
    const [next, flat] = await redis.zscan(keys.allTickets(PREFIX), cursor, 'COUNT', 500);
    cursor = next;
    const pipeline = redis.pipeline();
    for (let i = 0; i < flat.length; i += 2) pipeline.hget(keys.ticket(PREFIX, flat[i]!), 'json');
    await pipeline.exec();
    read += flat.length / 2;
  } while (cursor !== '0' && msSince(f) < FILL_SAMPLE_MS);
  return [
    {
      figure: `${n}: after an upgrade, start-up to listening (cells and search filled in the background)`,
      value: Math.round(service.startMs),
      unit: 'ms',
    },
    {
      figure: `${n}: after an upgrade, background fill per 1,000 tickets (${walked.toLocaleString('en')} filled in ${Math.round(fillMs / 1000)} s)`,
      value: walked === 0 ? 'none filled' : Math.round((fillMs / walked) * 1000),
      unit: 'ms',
      floor: Math.round((msSince(f) / Math.max(1, read)) * 1000),
      floorWhat: 'ZSCAN + HGET of each ticket, per 1,000',
    },
  ];
}

/** Times and bytes are costs: growth is largest / smallest size; above this an operation grows with the store. */
const GROWTH_LIMIT = 2;

/**
 * Each figure's growth from the first size to the last: the same figure at both (its name without
 * the size and the counts in parentheses; an indented line belongs to the figure above it), and
 * GROWS when it is above GROWTH_LIMIT. A wall time with a floor is judged against its floor's own
 * change, measured at the same moments (on a machine shared with other work, load moves both);
 * Redis's time per call is the load-proof check that nothing reads the whole store.
 */
function growth(rows: BenchRow[], sizes: number[]): { rows: BenchRow[]; offenders: string[] } {
  const [first, last] = [sizes[0]!.toLocaleString('en'), sizes[sizes.length - 1]!.toLocaleString('en')];
  const bySize = new Map<string, Map<string, BenchRow>>();
  let above = '';
  for (const row of rows) {
    const at = row.figure.indexOf(': ');
    const size = row.figure.slice(0, at);
    let name = row.figure.slice(at + 2).replace(/ \([^)]*\d[^)]*\)/g, '');
    if (name.startsWith(' ')) name = `${above} / ${name.trim()}`;
    else above = name;
    if (!bySize.has(name)) bySize.set(name, new Map());
    bySize.get(name)!.set(size, row);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  const out: BenchRow[] = [];
  const offenders: string[] = [];
  for (const [name, at] of bySize) {
    const [a, b] = [at.get(first), at.get(last)];
    if (typeof a?.value !== 'number' || typeof b?.value !== 'number' || a.value <= 0) continue;
    const ratio = round(b.value / a.value);
    const floorRatio = typeof a.floor === 'number' && typeof b.floor === 'number' && a.floor > 0 ? round(b.floor / a.floor) : undefined;
    const grows = ratio > GROWTH_LIMIT && ratio / Math.max(1, floorRatio ?? 1) > GROWTH_LIMIT;
    if (grows) offenders.push(name);
    out.push({
      figure: `growth ${first} -> ${last}: ${name}`,
      value: `x${ratio}${floorRatio === undefined ? '' : ` (floor x${floorRatio})`}${grows ? '  GROWS' : ''}`,
      unit: '',
    });
  }
  return { rows: out, offenders };
}

/** The service's start on a store with no ticket: the floor of the start-up figures. */
async function startOnEmptyStore(url: string): Promise<{ startMs: number; readyMs: number; reconcileMs: number }> {
  const service = await startService(url);
  const started = { startMs: service.startMs, readyMs: await service.ready(), reconcileMs: (await service.reconciled) - service.startMs };
  await service.close();
  return started;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startRedisServer();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  statsOf = redis;
  const rows: BenchRow[] = [];
  const extra: Record<string, unknown> = { sizes: SIZES, loadAverageAtStart: loadavg().map((l) => Math.round(l * 10) / 10) };
  try {
    const organisations = new OrganisationStore(redis, PREFIX);
    for (let o = 0; o < ORGS; o++) await organisations.upsert(organisation(o));
    const emptyStart = READS_ONLY ? { startMs: 0, readyMs: 0, reconcileMs: 0 } : await startOnEmptyStore(server.url);

    const now = Date.now();
    const shapes = templates(new Date(now));
    const copies = new Preload(shapes, now);
    // Every status, kind and organisation of the preload, written both ways and compared.
    const sample = Array.from({ length: 800 }, (_, i) => i + 1);
    await sameAsSaveScript(
      redis,
      sample.map((n) => ticketNumber(n, shapes, now)),
      sample.map((n) => copies.row(n)),
    );
    const memoryBase = await usedMemory(redis); // memory is measured against the store with no ticket
    for (const size of SIZES) {
      const seconds = await preload(redis, size, copies);
      console.log(`[${Math.round((Date.now() - started) / 1000)} s] preloaded up to ${size} tickets in ${seconds.toFixed(1)} s`);
      const memory = (await usedMemory(redis)) - memoryBase;
      let open = 0;
      for (const s of ['new', 'in_progress', 'waiting_on_customer']) open += await redis.zcard(keys.byStatus(PREFIX, s));
      let recordBytes = 0;
      for (let i = 1; i <= 100; i++) recordBytes += (await redis.memory('USAGE', keys.ticket(PREFIX, formatTicketId(YEAR, i)))) ?? 0;
      const n = size.toLocaleString('en');
      rows.push({
        figure: `${n}: Redis memory per ticket (${open.toLocaleString('en')} open)`,
        value: Math.round(memory / size),
        unit: 'B',
        floor: Math.round(recordBytes / 100),
        floorWhat: 'the ticket hash alone (MEMORY USAGE)',
      });
      rows.push({ figure: `${n}: Redis memory per open ticket (all memory / open)`, value: Math.round(memory / open), unit: 'B' });
      rows.push(...(await measure(size, server.url, redis, emptyStart)));
      if (!READS_ONLY) rows.push(...(await afterUpgrade(size, server.url, redis)));
      await redis.unlink('scale-floor-queue', ...Array.from({ length: SAMPLES }, (_, i) => `scale-floor:${i}`));
    }
  } finally {
    redis.disconnect();
    await server.stop();
  }
  extra.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 10) / 10);
  extra.totalSeconds = Math.round((Date.now() - started) / 1000);
  const growing = growth(rows, SIZES);
  extra.growth = growing.rows.map((r) => `${r.figure}: ${r.value}`);
  extra.growingMoreThan2x = growing.offenders;
  printTable([...rows, ...growing.rows]);
  console.log(
    growing.offenders.length === 0
      ? `no figure grows more than ${GROWTH_LIMIT}x from ${SIZES[0]} to ${SIZES[SIZES.length - 1]} tickets`
      : `GROWING more than ${GROWTH_LIMIT}x: ${growing.offenders.join('; ')}`,
  );
  console.log('load average at start / end:', extra.loadAverageAtStart, extra.loadAverageAtEnd);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = READS_ONLY ? 'scale-reads.json' : 'scale.json';
  writeFileSync(join(dir, file), `${JSON.stringify({ at: new Date().toISOString(), rows, extra }, null, 2)}\n`);
  console.log(`written to test/bench/results/${file} (${extra.totalSeconds} s)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
