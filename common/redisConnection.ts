import { spawn, spawnSync, ChildProcess } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { resolve } from 'path';
import Redis, { Cluster, RedisOptions } from 'ioredis';
import type { Logger } from './logger';

/**
 * A connection to the desk's Redis: one node, or a Redis Cluster. Both take the same commands;
 * on a cluster every script, MULTI, pipeline and multi-key command must stay within one hash
 * tag (docs/architecture.md, "Key names and Redis Cluster").
 */
export type RedisClient = Redis | Cluster;

/**
 * Where Redis is, as one string handed to every part that opens connections: a `redis://` URL,
 * or `redis-cluster://host:port,host:port` naming some nodes of a cluster (REDIS_CLUSTER_NODES).
 */
const CLUSTER_SCHEME = 'redis-cluster://';

export function clusterAddress(nodes: string[]): string {
  return `${CLUSTER_SCHEME}${nodes.join(',')}`;
}

export function isClusterAddress(address: string): boolean {
  return address.startsWith(CLUSTER_SCHEME);
}

/** The `host:port` nodes of a cluster address (the inverse of clusterAddress). */
export function clusterNodes(address: string): string[] {
  return address.slice(CLUSTER_SCHEME.length).split(',');
}

/**
 * A new connection to the node or cluster at `address`, with these options. On a cluster they
 * apply to each node's connection, and the cluster reconnects with the same back-off.
 */
export function newRedisClient(address: string, options: RedisOptions = {}): RedisClient {
  if (!isClusterAddress(address)) return new Redis(address, options);
  const nodes = clusterNodes(address).map((node) => {
    const colon = node.lastIndexOf(':');
    return { host: node.slice(0, colon), port: Number(node.slice(colon + 1)) };
  });
  const { retryStrategy, enableReadyCheck, enableOfflineQueue, lazyConnect } = options;
  return new Cluster(nodes, {
    redisOptions: options,
    clusterRetryStrategy: retryStrategy ? (attempt) => retryStrategy(attempt) : () => null,
    enableReadyCheck: enableReadyCheck ?? true,
    enableOfflineQueue: enableOfflineQueue ?? true,
    lazyConnect: lazyConnect ?? false,
    // A master that restarts or fails over answers CLUSTERDOWN or MOVED for a moment: retry, then follow.
    retryDelayOnClusterDown: 100,
    retryDelayOnFailover: 100,
    retryDelayOnTryAgain: 100,
  });
}

/** Longest wait between reconnection attempts: the service is back within ~1 s of Redis returning. */
export const MAX_RECONNECT_DELAY_MS = 1000;

/**
 * Options every long-lived connection of the service shares: reconnect forever with a back-off
 * capped at one second (ioredis' default grows without bound), and queue commands while down
 * instead of failing them after 20 retries.
 */
export function redisOptions(extra: RedisOptions = {}): RedisOptions {
  return {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), MAX_RECONNECT_DELAY_MS),
    ...extra,
  };
}

/**
 * Options of the service's main connection (tickets, bot state, PINs, web chat). While Redis is
 * down its commands fail within a reconnection delay (at most a second) instead of waiting for
 * Redis to return, so a request answers 503 and the bot says the service is temporarily
 * unavailable rather than leaving the caller hanging. The SLA timers and Bull keep the patient
 * redisOptions(): they resume by themselves.
 */
export function failFastRedisOptions(): RedisOptions {
  return redisOptions({ maxRetriesPerRequest: 0 });
}

/** Whether `err` is a command refused because Redis is unreachable (see failFastRedisOptions). */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    err.message === 'Connection is closed.' ||
    err.message.startsWith("Stream isn't writeable") ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET'
  );
}

/** How long ending a connection waits for a handshake in flight to finish (see endConnection). */
const HANDSHAKE_GRACE_MS = 2_000;

/**
 * Ends a connection: QUIT while Redis answers (replies in flight still arrive), at once while it
 * does not (a QUIT queued for a Redis that never returns would hold a shutdown forever).
 *
 * A connection still shaking hands with a Redis that has just come back is let finish first:
 * once its ready check answers, ioredis subscribes again and resends queued commands, and
 * nothing handles their failure. Cut in between, they rejected unhandled ("Connection is
 * closed.") and ended the process.
 */
export async function endConnection(client: RedisClient): Promise<void> {
  await handshakeSettled(client);
  if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
  else client.disconnect();
}

/** Resolves once a connection shaking hands with Redis is ready or has closed (at most `graceMs`); at once for any other. */
function handshakeSettled(client: RedisClient, graceMs = HANDSHAKE_GRACE_MS): Promise<void> {
  if (client.status !== 'connecting' && client.status !== 'connect') return Promise.resolve();
  return new Promise((resolve) => {
    const events = ['ready', 'close', 'end'];
    const settled = () => {
      clearTimeout(timer);
      for (const event of events) client.off(event, settled);
      resolve();
    };
    const timer = setTimeout(settled, graceMs);
    for (const event of events) client.once(event, settled);
  });
}

/** The value of a Redis read, or `fallback` while Redis is unreachable (other errors still throw). */
export async function unlessStoreDown<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (isRedisUnavailable(err)) return fallback;
    throw err;
  }
}

/**
 * bull's `createClient` option: every connection bull asks for is a new one with the shared
 * options. bull refuses a ready check on its blocking and subscriber connections; its command
 * connection keeps one, so that after a restart it waits until Redis has loaded its data
 * instead of failing with LOADING (which left claimed SLA events stranded for a lease).
 */
export function bullCreateClient(address: string): (type: 'client' | 'subscriber' | 'bclient') => RedisClient {
  return (type) => newRedisClient(address, redisOptions({ enableReadyCheck: type === 'client' }));
}

export interface RedisConnection {
  /** The address actually in use: REDIS_URL, or the private server's when one was started. */
  url: string;
  client: RedisClient;
  /** Set when this process started (or found still running) a private redis-server. */
  localServer?: { port: number; dir: string; pid?: number };
  /** Closes the client and stops a private redis-server this process started. */
  close(): Promise<void>;
}

export interface ConnectRedisOptions {
  /** When nothing answers at `url`, start a private redis-server (local development). */
  startLocalIfMissing: boolean;
  /** When nothing answers at `url`, wait until it does, saying so in the log (production). */
  waitIfMissing?: boolean;
  /** Told why the service waits (the startup probes' `/readyz` says it). */
  onWaiting?: (reason: string) => void;
  /** Where the private server keeps its append-only file. Default ./.data/redis. */
  dataDir?: string;
}

/**
 * Connects to Redis at `url` (npm start passes REDIS_URL). When nothing answers there and the
 * caller allows it, a private redis-server with append-only persistence is started under
 * `dataDir` on a free loopback port; its port is remembered in the directory so that a server
 * left running by an earlier start is reused instead of a second one writing the same files.
 * Otherwise the returned promise rejects with a one-line message naming REDIS_URL.
 */
export async function connectRedis(url: string, logger: Logger, options: ConnectRedisOptions): Promise<RedisConnection> {
  if (isClusterAddress(url)) return connectCluster(url, logger, options.onWaiting);
  if (await answers(url)) return connected(url, logger);

  if (options.waitIfMissing) return waitForConfiguredRedis(url, logger, options.onWaiting);
  const unreachable = `Redis is not reachable at REDIS_URL=${redactUrl(url)}`;
  if (!options.startLocalIfMissing) throw new Error(`${unreachable}: start Redis there or set REDIS_URL to a running server`);
  if (!onPath('redis-server')) {
    throw new Error(`${unreachable} and redis-server is not on the PATH: install Redis or set REDIS_URL to a running server`);
  }

  const dir = resolve(options.dataDir ?? '.data/redis');
  mkdirSync(dir, { recursive: true });
  const portFile = resolve(dir, 'port');
  const previousPort = readPort(portFile);
  if (previousPort && (await answers(localUrl(previousPort)))) {
    logger.warn(
      { port: previousPort, dir },
      `${unreachable}; reusing the private redis-server still running on port ${previousPort} (data in ${dir})`,
    );
    const connection = await connected(localUrl(previousPort), logger);
    return { ...connection, localServer: { port: previousPort, dir } };
  }

  const port = await freePort();
  const child = spawnRedisServer({ port, dir, appendFsync: 'everysec' });
  // A private server must not outlive the service that started it.
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  const privateUrl = localUrl(port);
  await waitUntilAnswering(privateUrl, child);
  writeFileSync(portFile, `${port}\n`);
  logger.warn(
    { port, dir, redisPid: child.pid },
    `${unreachable}; started a private redis-server on port ${port} with append-only persistence in ${dir}`,
  );

  const connection = await connected(privateUrl, logger);
  return {
    ...connection,
    localServer: { port, dir, pid: child.pid },
    async close() {
      await connection.close();
      process.removeListener('exit', stopOnExit);
      await stopChild(child);
    },
  };
}

/**
 * Production: the configured Redis holds the tickets, PIN locks and SLA timers, so a private
 * empty one would split them in two. Wait for it instead (the service listens, and so is ready,
 * only once it answers), and say so every 10 s.
 */
async function waitForConfiguredRedis(url: string, logger: Logger, onWaiting?: (reason: string) => void): Promise<RedisConnection> {
  onWaiting?.(`waiting for Redis at REDIS_URL=${redactUrl(url)}: it does not answer yet`);
  let nextReport = 0;
  while (!(await answers(url))) {
    if (Date.now() >= nextReport) {
      logger.warn(`waiting for Redis at REDIS_URL=${redactUrl(url)}: it does not answer yet; the service is not ready until it does`);
      nextReport = Date.now() + 10_000;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  logger.info(`Redis at REDIS_URL=${redactUrl(url)} answers`);
  return connected(url, logger);
}

/**
 * A Redis Cluster is never started here: wait until it answers with every slot served (the
 * service is not ready until then), saying so every 10 s.
 */
async function connectCluster(address: string, logger: Logger, onWaiting?: (reason: string) => void): Promise<RedisConnection> {
  const client = newRedisClient(address, failFastRedisOptions());
  client.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis cluster connection error'));
  let nextReport = 0;
  for (;;) {
    const state = await (client as Cluster)
      .cluster('INFO')
      .then((info) => /cluster_state:(\w+)/.exec(String(info))?.[1] ?? 'unknown')
      .catch((err: Error) => err.message);
    if (state === 'ok') break;
    const reason = `waiting for the Redis Cluster at REDIS_CLUSTER_NODES=${address.slice(CLUSTER_SCHEME.length)}: ${state}`;
    if (Date.now() >= nextReport) {
      onWaiting?.(reason);
      logger.warn(reason);
      nextReport = Date.now() + 10_000;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  logger.info(`Redis Cluster at REDIS_CLUSTER_NODES=${address.slice(CLUSTER_SCHEME.length)} answers`);
  return { url: address, client, close: () => endConnection(client) };
}

async function connected(url: string, logger: Logger): Promise<RedisConnection> {
  const client = new Redis(url, failFastRedisOptions());
  client.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  await client.ping();
  return {
    url,
    client,
    close: () => endConnection(client),
  };
}

/**
 * One short probe: does a Redis answer PING at `url`? A server that answers but refuses the
 * credentials is an error, never a reason to start another one.
 */
async function answers(url: string): Promise<boolean> {
  // Nothing listening is refused at once; a busy machine's Redis may take seconds to accept (a
  // 1 s limit took a running server for a missing one at load 58).
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 10_000,
    disconnectTimeout: 50,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let refusal: Error | undefined; // ioredis reports a failed AUTH as an event, then a closed connection
  probe.on('error', (err: Error) => (refusal = err));
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (err) {
    const message = [refusal?.message, (err as Error).message].find((m) => m && /NOAUTH|WRONGPASS|invalid password/i.test(m));
    if (message) {
      throw new Error(`Redis at REDIS_URL=${redactUrl(url)} refused the credentials: ${message.split('\n')[0]}`);
    }
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * A redis-server on loopback keeping its files in `dir`: append-only with that fsync policy, or
 * (appendFsync null) in memory only; never evicting, since the keys are the product's data.
 */
export function spawnRedisServer(options: {
  port: number;
  dir: string;
  appendFsync: 'everysec' | 'always' | null;
  /** More redis-server options (a test cluster's nodes). */
  extraArgs?: string[];
}): ChildProcess {
  const { port, dir, appendFsync, extraArgs = [] } = options;
  const persistence = appendFsync ? ['--appendonly', 'yes', '--appendfsync', appendFsync] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence];
  return spawn('redis-server', [...args, '--maxmemory-policy', 'noeviction', ...extraArgs], { stdio: 'ignore' });
}

/** Resolves once the redis-server `child` answers at `url`; rejects if it exits first or stays silent 10 s. */
export async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the private redis-server exited with code ${child.exitCode} before answering at ${url}`);
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error(`the private redis-server did not answer at ${url} within 10 s`);
}

/** Stops a child process with SIGTERM and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function onPath(binary: string): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

function readPort(file: string): number | undefined {
  try {
    const port = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

/** A free TCP port on loopback (the OS picks it; taken back at once). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

function localUrl(port: number): string {
  return `redis://127.0.0.1:${port}`;
}

/** A URL fit for a log line or an error message: any password is hidden. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*):([^@/]*)@/, '//$1:***@');
}
