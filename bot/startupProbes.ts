import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

export interface StartupProbes {
  /** The port it listens on (the one the real server takes over). */
  port: number;
  /** Why the service is not ready yet; `/readyz` says it. */
  setReason(reason: string): void;
  /** Stops listening and drops idle probe connections, so the real server can take the port. */
  close(): Promise<void>;
}

/**
 * While the service starts (production waits for its configured Redis for as long as it takes),
 * a bare HTTP server on the service's port answers the probes: `/healthz` 200, because the
 * process is alive and a liveness probe must not restart it for waiting; `/readyz` 503 with the
 * reason; anything else 503. The real server listens on the same port once it is built.
 */
export async function startStartupProbes(port: number, reason: string): Promise<StartupProbes> {
  let current = reason;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const [status, body] =
      path === '/healthz'
        ? [200, { status: 'ok', starting: true }]
        : path === '/readyz'
          ? [503, { status: 'not_ready', reason: current }]
          : [503, { error: 'unavailable', message: `the service is starting: ${current}` }];
    req.resume();
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '5', connection: 'close' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    setReason: (next) => (current = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
