import { createLogger } from '../common/logger';
import { createServer } from './server';

/**
 * Composition root: reads the configuration, builds every part and wires them into one
 * restify server.
 */
async function main(): Promise<void> {
  const logger = createLogger();
  const port = Number(process.env.PORT ?? 3978);
  const server = createServer({ logger });
  server.listen(port, () => logger.info({ port }, `support desk listening on http://localhost:${port}`));
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
