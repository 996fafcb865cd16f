import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { silentLogger } from '../../../common/logger';
import { connectRedis, endConnection, failFastRedisOptions, redisOptions, MAX_RECONNECT_DELAY_MS } from '../../../common/redisConnection';
import { freePort, startRedisServer } from '../../support/redisServer';
import { testRedisUrl } from '../../support/redis';
import { waitFor } from '../../support/waitFor';

describe('connectRedis', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'desk-connect-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('connects to a Redis that answers at the given URL and starts nothing', async () => {
    const connection = await connectRedis(testRedisUrl(), silentLogger, { startLocalIfMissing: true, dataDir });
    try {
      expect(connection.url).toBe(testRedisUrl());
      expect(connection.localServer).toBeUndefined();
      expect(await connection.client.ping()).toBe('PONG');
    } finally {
      await connection.close();
    }
  });

  it('fails with a one-line message naming REDIS_URL when nothing answers and starting is not allowed', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const failure = connectRedis(url, silentLogger, { startLocalIfMissing: false, dataDir });
    await expect(failure).rejects.toThrow(/REDIS_URL=redis:\/\/127\.0\.0\.1:\d+/);
    await failure.catch((err: Error) => expect(err.message).not.toContain('\n'));
  });

  it('fails with a message naming REDIS_URL, and starts nothing, when the Redis there refuses the password', async () => {
    const port = await freePort();
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--requirepass', 'right-password'], {
      stdio: 'ignore',
    });
    try {
      await listening(port);
      const url = `redis://:wrong-password@127.0.0.1:${port}`;
      const failure = await connectRedis(url, silentLogger, { startLocalIfMissing: true, dataDir }).then(
        async (connection) => {
          await connection.close();
          return undefined;
        },
        (err: Error) => err,
      );
      expect(failure?.message).toMatch(/^Redis at REDIS_URL=redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ refused the credentials: WRONGPASS/);
      expect(failure?.message).not.toContain('wrong-password');
      expect(existsSync(join(dataDir, 'port'))).toBe(false);
    } finally {
      server.kill('SIGTERM');
    }
  });

  it('starts a private append-only redis-server when nothing answers, keeps its data across restarts, and stops it on close', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const first = await connectRedis(url, silentLogger, { startLocalIfMissing: true, dataDir });
    expect(first.localServer?.dir).toBe(dataDir);
    expect(first.url).not.toBe(url);
    expect(await first.client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(Number(readFileSync(join(dataDir, 'port'), 'utf8'))).toBe(first.localServer?.port);
    await first.client.set('kept', 'across restarts');
    await first.close();

    // The stopped server no longer answers; a new start finds the append-only data again.
    const probe = new Redis(first.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, disconnectTimeout: 50 });
    probe.on('error', () => undefined);
    await expect(probe.connect()).rejects.toThrow();
    probe.disconnect();

    const second = await connectRedis(url, silentLogger, { startLocalIfMissing: true, dataDir });
    try {
      expect(await second.client.get('kept')).toBe('across restarts');
    } finally {
      await second.close();
    }
  });

  it('reuses a private server left running by an earlier start instead of starting a second one on the same files', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const first = await connectRedis(url, silentLogger, { startLocalIfMissing: true, dataDir });
    try {
      const second = await connectRedis(url, silentLogger, { startLocalIfMissing: true, dataDir });
      expect(second.localServer?.port).toBe(first.localServer?.port);
      await second.close();
      expect(await first.client.ping()).toBe('PONG');
    } finally {
      await first.close();
    }
  });
});

/** Resolves once something accepts connections on the loopback port. */
async function listening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true));
      socket.on('error', () => resolve(false));
      socket.on('connect', () => socket.destroy());
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listens on port ${port}`);
}

describe('redisOptions', () => {
  it('never waits more than a second between reconnection attempts', () => {
    const retry = redisOptions().retryStrategy!;
    const delays = [1, 2, 5, 10, 50, 1000].map((attempt) => retry(attempt) as number);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_RECONNECT_DELAY_MS);
    expect(delays.every((d) => d > 0)).toBe(true);
  });

  it('lets a client carry on with its queued commands once Redis returns on the same port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-reconnect-'));
    const port = await freePort();
    let server = await startRedisServer({ port, dir, appendOnly: true });
    const client = new Redis(server.url, redisOptions());
    client.on('error', () => undefined);
    try {
      await client.set('before', '1');
      await server.stop();
      const pending = client.get('before');
      server = await startRedisServer({ port, dir, appendOnly: true });
      expect(await pending).toBe('1');
    } finally {
      client.disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('endConnection', () => {
  it('ends a subscriber still shaking hands with a Redis just back, and nothing it resends fails unhandled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-handshake-'));
    const port = await freePort();
    let server = await startRedisServer({ port, dir });
    const subscriber = new Redis(server.url, failFastRedisOptions());
    subscriber.on('error', () => undefined);
    // An unhandled rejection ends the service's process; here it is only counted.
    const unhandled: unknown[] = [];
    const count = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', count);
    try {
      await subscriber.subscribe('news');
      await server.stop();
      // The shutdown comes when the reconnected client has asked its ready check and not yet had
      // the answer, after which ioredis subscribes again (the moment the failing runs hit).
      let ending: Promise<void> | undefined;
      const send = subscriber.sendCommand.bind(subscriber);
      subscriber.sendCommand = (command, stream) => {
        const sent = send(command, stream);
        if (command.name === 'info' && subscriber.status === 'connect') ending ??= endConnection(subscriber);
        return sent;
      };
      server = await startRedisServer({ port, dir });
      await waitFor(() => ending !== undefined, 'the ready check of the reconnected subscriber');
      await ending;
      await waitFor(() => subscriber.status === 'end', 'the subscriber to end');
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', count);
      if (subscriber.status !== 'end') subscriber.disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
