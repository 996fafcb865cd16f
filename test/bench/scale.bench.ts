/**
 * `npm run bench:scale`: what each operation costs as the store grows, in one run. One private
 * redis-server (no persistence: the figures are the code's, not the disk's) is preloaded to
 * 10,000, 100,000 and 1,000,000 tickets (28% open) by the bulk loader (support/bulkLoad.ts: the
 * records, indexes, cells, search terms, queues, due entries and counters exactly as the store's
 * save script writes them, checked against it at the start, without the API in between). At each size the whole service
 * is started on it (bot/app.ts) and timed through its HTTP API, each figure beside its floor: the
 * raw Redis commands the operation cannot do without, and below it Redis's own time for the commands
 * the operation sent (SLOWLOG, the service's connection only) and, for the reads and /metrics, how
 * long Redis kept others waiting meanwhile (its longest single command; a PING probe in a separate
 * process, beside its floor: the probe with nothing running). Then the start of a version that finds the
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
import { startStallProbe, type StallProbe } from './support/stallProbe';
import { latencyStats, msSince, percentile, rate } from './support/stats';
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
const LIST_REPEATS = 10; // timed calls per filtered list (searches: 3 times as many), the median kept
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
  /**
   * Redis's own time for the commands the service's connection sent during a call, p50 of the
   * calls: SLOWLOG with every command logged, that connection's entries only (with a service).
   * What the call made Redis do and nothing else: not the other clients (the service's SLA timers
   * and Bull, the stall probe, this bench), and not the commands inside a script, which its own
   * entry already holds. The p50, not the mean: a call during which the machine took the CPU
   * from redis-server counts as one call, not as a tenth of the figure.
   */
  redisUs: number;
  /**
   * The measure before it, kept beside it: INFO commandstats usec of every client over all the
   * calls, per call. It also counts whatever else Redis ran meanwhile (a Bull or SLA timer script
   * of 50-100 µs inside a 3-call window of a 20 µs list made it 68 µs at 1M, 18 µs at 10k) and
   * counts a script's commands twice (the script's usec includes them, and each is counted again).
   */
  allClientsUs: number;
  /**
   * The longest single command (or script) the calls had Redis run, and the longest of any
   * client's meanwhile (with a service), in µs: Redis runs one command at a time, so this is how
   * long it kept every other client waiting at once.
   */
  longestUs: { own: number; any: number };
  /** With the probe: the longest PING wait meanwhile, and over as long a stretch with nothing running, just after. */
  probe?: { worstMs: number; idleMs: number };
}

/** What timeEach reads Redis's work from (set in main): the bench's own connection and the stall probe. */
let lab: { redis: Redis; ownAddress: string; probe: StallProbe } | undefined;

/** A connection's address as Redis names it in SLOWLOG (ip:port). */
async function addressOf(client: Redis): Promise<string> {
  return /\baddr=(\S+)/.exec(String(await client.client('INFO')))![1]!;
}

async function redisUsec(): Promise<number> {
  let usec = 0;
  for (const [, name, us] of (await lab!.redis.info('commandstats')).matchAll(/^cmdstat_([\w|]+):calls=\d+,usec=(\d+)/gm))
    if (name !== 'info' && name !== 'slowlog' && name !== 'config') usec += Number(us);
  return usec;
}

type SlowlogEntry = [id: number, at: number, us: number, args: string[], client: string, name: string];
/** Every command is logged while a service's calls are timed; a log this long holds the busiest call (a create: ~100 with its script's). */
const SLOWLOG_LENGTH = 10_000;

/**
 * Times `count` calls. With `service` (the service's connection address) each call's Redis work
 * is read from SLOWLOG (reset before the call, read after: the reads are not timed); with `probe`,
 * the stall probe runs throughout, then as long again with nothing running (its floor). Logging
 * every command costs Redis ~1 µs a command outside the measured durations, but inside a script's
 * (its commands are logged while it runs): the same at every size.
 */
async function timeEach(
  count: number,
  call: (i: number) => Promise<unknown>,
  options: { service?: string; probe?: boolean } = {},
): Promise<Timed> {
  const { redis, ownAddress, probe } = lab!;
  const { service } = options;
  const ms: number[] = [];
  const perCall: number[] = [];
  const longestUs = { own: 0, any: 0 };
  const usecBefore = await redisUsec();
  const calls = async () => {
    for (let i = 0; i < count; i++) {
      if (service) await redis.slowlog('RESET');
      const t = process.hrtime.bigint();
      await call(i);
      ms.push(msSince(t));
      if (!service) continue;
      let us = 0;
      for (const [, , took, , client] of (await redis.slowlog('GET', -1)) as SlowlogEntry[]) {
        if (client !== ownAddress) longestUs.any = Math.max(longestUs.any, took);
        if (client !== service) continue;
        longestUs.own = Math.max(longestUs.own, took);
        us += took;
      }
      perCall.push(us);
    }
  };
  const was = ((await redis.config('GET', 'slowlog-log-slower-than')) as string[])[1]!;
  if (service) await redis.config('SET', 'slowlog-log-slower-than', '0', 'slowlog-max-len', String(SLOWLOG_LENGTH));
  let probed: Timed['probe'];
  try {
    if (options.probe) {
      const t = process.hrtime.bigint();
      const { worstMs } = await probe.during(calls);
      const { worstMs: idleMs } = await probe.during(() => new Promise((r) => setTimeout(r, msSince(t))));
      probed = { worstMs, idleMs };
    } else await calls();
  } finally {
    await redis.config('SET', 'slowlog-log-slower-than', was);
    await redis.slowlog('RESET');
  }
  const allClientsUs = Math.round(((await redisUsec()) - usecBefore) / count);
  const { p50, p99 } = latencyStats(ms);
  const redisUs =
    perCall.length === 0
      ? 0
      : percentile(
          [...perCall].sort((a, b) => a - b),
          50,
        );
  return { p50, p99, redisUs, allClientsUs, longestUs, probe: probed };
}

/**
 * The Redis lines of a figure, indented below it (the growth check reads each beside the wall
 * time's): Redis time per call, and with the probe how long Redis kept others waiting meanwhile.
 * That used to be a PING loop inside this process, which is the service's: under load it waited
 * for the service's own JSON and HTTP work (1.6 ms at 10k, 4.2 ms at 1M for the same 50 tickets a
 * call) and called that a Redis stall. What is compared now is Redis's own record: the longest
 * single command the calls had it run, to the next 0.1 ms (below that a stall is no figure, and
 * µs jitter would double it). Beside it, not compared: the longest command of any client
 * meanwhile (the service's Bull and SLA timer scripts, 0.1-0.3 ms, land in some windows and not
 * others), and the PING probe now in a separate process, with its wait over as long a stretch with
 * nothing running: on 2 shared cores at load 9 a process waits milliseconds for a core, so that
 * one measures the machine more than Redis. `work` (what the calls returned or examined) goes on
 * each line: unlike work is not compared.
 */
function redisRows(n: string, t: Timed, work?: string): BenchRow[] {
  const rows: BenchRow[] = [
    {
      figure: `${n}:   Redis time per call, p50 (the service's own commands, by SLOWLOG; every client by INFO commandstats, the measure before: ${t.allClientsUs} µs)`,
      value: t.redisUs,
      unit: 'µs',
      work,
    },
  ];
  if (t.probe) {
    rows.push({
      figure: `${n}:   longest single Redis command of the calls, to the next 0.1 ms (SLOWLOG; any client's meanwhile ${t.longestUs.any / 1000} ms; a PING from a separate process waited at most ${t.probe.worstMs} ms, ${t.probe.idleMs} ms as long with nothing running)`,
      value: Math.ceil(t.longestUs.own / 100) / 10,
      unit: 'ms',
      work,
    });
  }
  return rows;
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
  /** The address of its main connection (the one its HTTP handlers use) as SLOWLOG names it. */
  redisAddress: string;
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
    redisAddress: await addressOf(app.redis.client as Redis),
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

/**
 * Filtered lists on several fields (the cells, store/listCells.ts), each returning the same at
 * every size: nothing, or a full page of 50. An organisation's tickets in progress are org-017's
 * (every preloaded ticket of an organisation has one status); the org-007 of before had none but
 * the ones this bench's own claims had just moved there (10, 20, then 30 over the sizes), so its
 * figure grew with the bench's steps, not the store.
 */
const FILTERS: [string, string][] = [
  ['category=billing&grade=A', 'no match'],
  ['orgId=org-000&grade=A', 'no match'],
  ['status=new&category=technical&grade=B', 'a full page'],
  ['orgId=org-017&status=in_progress', 'a full page'],
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
      return [...(await listFigures(n, api, redis, service.redisAddress)), ...(await searchFigures(n, api, redis, service.redisAddress))];
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

    const served = { service: service.redisAddress };
    const create = await timeEach(SAMPLES, (i) => api.call('POST', '/api/tickets', 'system', input(orgId(3), 'B', 'technical', i)), served);
    const hsetFloor = await timeEach(SAMPLES, (i) => redis.hset(`scale-floor:${i}`, 'json', sampleJson, 'rev', 1));
    rows.push({
      figure: `${n}: create p50 (POST /api/tickets)`,
      value: create.p50,
      unit: 'ms',
      floor: hsetFloor.p50,
      floorWhat: 'HSET of the ticket JSON',
    });
    rows.push(...redisRows(n, create));

    const claimed: string[] = [];
    const claim = await timeEach(
      SAMPLES,
      async () => {
        const reply = (await api.call('POST', '/api/queues/claim', 'agent', { categories: ['technical', 'billing'] })) as {
          ticket: Ticket | null;
        };
        if (!reply.ticket) throw new Error('the queues ran dry');
        claimed.push(reply.ticket.id);
      },
      served,
    );
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
    rows.push(...redisRows(n, claim));

    const status = await timeEach(
      SAMPLES,
      (i) => api.call('POST', `/api/tickets/${claimed[i]}/status`, 'agent', { status: 'in_progress' }),
      served,
    );
    rows.push({
      figure: `${n}: status change p50 (POST /api/tickets/:id/status)`,
      value: status.p50,
      unit: 'ms',
      floor: hsetFloor.p50,
      floorWhat: 'HSET of the ticket JSON',
    });
    rows.push(...redisRows(n, status));

    rows.push(...(await listFigures(n, api, redis, service.redisAddress)));
    rows.push(...(await searchFigures(n, api, redis, service.redisAddress)));

    const scrape = await timeEach(SCRAPES, () => api.call('GET', '/metrics', 'operator'), { ...served, probe: true });
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
    rows.push(...redisRows(n, scrape));
  } finally {
    await service.close();
  }
  return rows;
}

/** The filtered lists of FILTERS, each beside one index's page of records. */
async function listFigures(n: string, api: Client, redis: Redis, service: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const listFloor = await timeEach(10, async () => {
    const ids = await redis.zrevrange(keys.byOrganisation(PREFIX, orgId(7)), 0, 49);
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(keys.ticket(PREFIX, id), 'json');
    await pipeline.exec();
  });
  for (const [query, what] of FILTERS) {
    let count = 0;
    const t = await timeEach(
      LIST_REPEATS,
      async () => {
        count = ((await api.call('GET', `/api/tickets?${query}`, 'agent')) as { count: number }).count;
      },
      { service, probe: true },
    );
    const work = `${count} tickets`;
    rows.push({
      figure: `${n}: GET /api/tickets?${query} (${what}: ${count}) p50`,
      value: t.p50,
      unit: 'ms',
      floor: listFloor.p50,
      floorWhat: 'ZREVRANGE of 50 ids + 50 HGETs',
      work,
    });
    rows.push(...redisRows(n, t, work));
  }
  return rows;
}

/**
 * Searches (docs/agent-workspace.md): what the index answers from, from a word every ticket has to
 * a filter nothing matches, each with its page size. Each line carries what the calls found and
 * examined (`scanned`), and the growth check compares only equal work: a page full at every size,
 * or the budget examined at every size. So the rare word has a page of 10, which its 10 tickets at
 * 10,000 fill (with 25, it returned 10 at 10,000 and 25 at 1M: two and a half times the records,
 * and reading them is the work); and the two words with no match examine every ticket of the rare
 * word, 10 at 10,000 and the budget of 500 at 1M: work that grows with the store up to the budget,
 * printed, not compared (q=sprawdzamy&status=new examines the budget at every size).
 */
const SEARCHES: { query: string; what: string; filters: ListIndex[]; limit: number }[] = [
  { query: 'q=poczty', what: 'a word every ticket has', filters: [], limit: 25 },
  { query: 'q=biuro17', what: 'a word of 1 ticket in 1,000', filters: [], limit: 10 },
  {
    query: 'q=poczty%20biuro17&status=in_progress',
    what: 'two words and a status',
    filters: [{ kind: 'status', status: 'in_progress' }],
    limit: 10,
  },
  {
    query: 'q=poczty%20biuro17&status=new',
    what: 'no match: two words and a status, every ticket of the rare word examined up to the budget',
    filters: [{ kind: 'status', status: 'new' }],
    limit: 25,
  },
  {
    query: 'q=sprawdzamy&status=new',
    what: 'no match: a word of the answered tickets among the new ones',
    filters: [{ kind: 'status', status: 'new' }],
    limit: 25,
  },
  {
    query: 'q=poczty&orgId=org-000&grade=A',
    what: 'no match: every ticket of one organisation checked',
    filters: [
      { kind: 'org', orgId: orgId(0) },
      { kind: 'grade', grade: 'A' },
    ],
    limit: 25,
  },
];

async function searchFigures(n: string, api: Client, redis: Redis, service: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { query, what, filters, limit } of SEARCHES) {
    const q = decodeURIComponent(/q=([^&]*)/.exec(query)![1]!);
    const sets = [...termsOfText(q).map((term) => keys.searchTerm(PREFIX, term)), ...filters.map((f) => listIndexKey(PREFIX, f))];
    let page: { items: Ticket[]; next: string | null; scanned: number } = { items: [], next: null, scanned: 0 };
    const t = await timeEach(
      LIST_REPEATS * 3,
      async () => {
        page = (await api.call('GET', `/api/tickets/search?${query}&limit=${limit}`, 'agent')) as typeof page;
      },
      { service, probe: true },
    );
    const found = page.items;
    // The floor: Redis's own intersection of the same sets, stopped at a page (ZINTERCARD LIMIT), or
    // one set's newest page, then the page's records.
    const floor = await timeEach(LIST_REPEATS * 3, async () => {
      const ids = sets.length === 1 ? await redis.zrevrange(sets[0]!, 0, limit - 1) : found.map((f) => f.id);
      if (sets.length > 1) await redis.zintercard(sets.length, ...sets, 'LIMIT', limit);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hget(keys.ticket(PREFIX, id), 'json');
      await pipeline.exec();
    });
    const sizes = await Promise.all(sets.map((key) => redis.zcard(key)));
    const work = `${found.length} found of ${page.scanned} examined`;
    rows.push({
      figure: `${n}: GET /api/tickets/search?${query}&limit=${limit} (${what}; sets of ${sizes.map((z) => z.toLocaleString('en')).join(' / ')}: ${work}${page.next ? ' and a cursor' : ''}) p50`,
      value: t.p50,
      unit: 'ms',
      floor: floor.p50,
      floorWhat: sets.length === 1 ? `ZREVRANGE of ${limit} ids + HGETs` : `ZINTERCARD LIMIT ${limit} of the same sets + HGETs`,
      work,
    });
    rows.push(...redisRows(n, t, work));
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
 * Redis's time per call checks that nothing reads the whole store, but it is wall time inside
 * Redis, not a count: on 2 cores shared at load 6-10 the same commands took 2-6 times as long while
 * the service's process worked beside Redis as when sent alone (30 ZREVRANGEs of missing cells:
 * 13 to 84 µs over runs and sizes in the service, 14 at 10k and 18 at 1M alone). A figure
 * whose calls did different work at the two sizes (`work`: tickets returned, candidates
 * examined) is not compared, and says so with both.
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
    if (a.work !== b.work) {
      out.push({
        figure: `growth ${first} -> ${last}: ${name}`,
        value: `not compared: ${a.work} at ${first}, ${b.work} at ${last}`,
        unit: '',
      });
      continue;
    }
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
  const probe = await startStallProbe(server.url);
  lab = { redis, ownAddress: await addressOf(redis), probe };
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
    await probe.stop();
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
