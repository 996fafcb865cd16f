import { loadConfig } from '../common/config';
import { bufferedStdout, createLogger } from '../common/logger';
import { buildApp } from './app';

/** `npm start`: the whole service on PORT (default 3978), stopped cleanly by SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, destination: bufferedStdout() });
  // Signals are handled from the start: a SIGTERM while the app is still assembling (it answers
  // before all of its start-up work is done) must stop it cleanly, not kill it mid-turn.
  const starting = buildApp({ config, logger, startLocalRedis: true });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests in flight');
    const force = setTimeout(() => {
      logger.error(`did not stop within ${config.shutdownGraceMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    starting
      .then((app) => app.close())
      .then(
        () => {
          logger.info({ signal }, 'service stopped: Bull and Redis closed');
          process.exit(0);
        },
        (err) => {
          logger.error({ err }, 'error while stopping');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await starting;
  const { port } = config;
  logger.info({ port }, `support desk listening on http://localhost:${port} (web chat /, agent console /agent, bot /api/messages)`);
}

main().catch((err) => {
  // One line a person can act on (e.g. which setting is wrong), not a stack trace.
  console.error(`support desk failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
