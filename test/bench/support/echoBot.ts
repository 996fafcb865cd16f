/**
 * The floor for bot turns: a bot that echoes, on the product's own adapter (createAdapter),
 * server (createServer, with metrics and the access log) and route (registerBotRoutes), in its
 * own process like the service. Whatever a FAQ turn costs beyond this is the product's work.
 *
 * With REDIS_URL set it is the floor of a stateful bot: the same echo, each turn run as the
 * product runs it (runLockedTurn on createTurnStore's lock and RedisStorage: the conversation
 * lock taken and the person's and user's state read in one round trip, the changed state written
 * as it is let go in another), remembering the person's last message so every turn writes.
 *
 *   startEchoBot()                                          from a benchmark
 *   startEchoBot({ REDIS_URL, REDIS_PREFIX })               with the product's state
 *   PORT=3999 tsx test/bench/support/echoBot.ts             by hand
 */
import { spawn } from 'child_process';
import { resolve } from 'path';
import { ActivityHandler, PrivateConversationState, UserState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { createAdapter, registerBotRoutes } from '../../../bot/adapter';
import { runLockedTurn } from '../../../bot/lockedTurn';
import type { TurnLock } from '../../../bot/ports';
import { createServer } from '../../../bot/server';
import { createTurnStore } from '../../../bot/turnStore';
import { bufferedStdout, createLogger, type Logger } from '../../../common/logger';
import { Metrics } from '../../../common/metrics';
import { connectRedis } from '../../../common/redisConnection';
import { freePort } from '../../support/redisServer';
import { START_NODE_FLAGS } from '../../support/serviceProcess';
import { loadConfig, type Config } from '../../../common/config';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }
}

/** The echo with the product's turn state: the same lock, storage and state objects as DeskBot. */
class StatefulEchoBot extends EchoBot {
  private readonly states: [PrivateConversationState, UserState];
  private readonly lastMessage: StatePropertyAccessor<string>;

  constructor(
    private readonly lock: TurnLock,
    personState: PrivateConversationState,
    userState: UserState,
  ) {
    super();
    this.states = [personState, userState];
    this.lastMessage = personState.createProperty('lastMessage');
    this.onMessage(async (context, next) => {
      await this.lastMessage.set(context, context.activity.text ?? '');
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return super.run(context);
    await runLockedTurn(this.lock, conversationId, this.states, context, () => super.run(context));
  }
}

/** The stateless echo, or with `redis` (REDIS_URL was set) the echo with the product's state. */
async function echoBotFor(config: Config, logger: Logger, redis: boolean): Promise<ActivityHandler> {
  if (!redis) return new EchoBot();
  const { client } = await connectRedis(config.redis.url, logger, { startLocalIfMissing: false, waitIfMissing: false });
  const { storage, lock } = createTurnStore(client, config.redis.prefix, config.turnWaitMs);
  return new StatefulEchoBot(lock, new PrivateConversationState(storage), new UserState(storage));
}

async function serve(port: number): Promise<void> {
  // The service's own log destination, so the floor pays for its access lines what the service does.
  const logger = createLogger({ destination: bufferedStdout() });
  const { REDIS_URL, REDIS_PREFIX } = process.env;
  const config = loadConfig({ REDIS_URL, REDIS_PREFIX });
  const server = createServer({ logger, metrics: new Metrics(), notReadyBecause: () => undefined });
  const adapter = createAdapter(config.bot, logger);
  // The same channel check as the product (development rules: loopback service URLs).
  registerBotRoutes(server, {
    adapter,
    bot: await echoBotFor(config, logger, REDIS_URL !== undefined),
    rules: { teamsServiceHosts: config.teamsServiceHosts, allowLoopback: true },
    logger,
  });
  server.listen(port, '127.0.0.1', () => logger.info({ port }, 'echo bot listening'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

export interface EchoBotProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the echo bot in a child process (as `node --import tsx` with the node options of `npm start`,
 * like the service) and waits for /healthz. `env` REDIS_URL (and REDIS_PREFIX) gives it the
 * product's turn state there.
 */
export async function startEchoBot(env: Record<string, string> = {}): Promise<EchoBotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...START_NODE_FLAGS, '--import', 'tsx', __filename], {
    cwd: resolve(__dirname, '../../..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Read (as the service's logs are) and keep only the tail for an error message.
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-3000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-3000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the echo bot exited (${child.exitCode}):\n${output}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the echo bot did not answer /healthz within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (require.main === module)
  serve(Number(process.env.PORT ?? 3999)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
