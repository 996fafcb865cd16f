import { readFileSync } from 'fs';
import { createServer } from 'net';

/** Ports from here up to the system's ephemeral range are the ones closedPort picks from. */
const LOWEST = 10_000;

/**
 * A loopback port nothing listens on, which stays so until the test listens on it itself. It is
 * taken below the system's ephemeral range: the OS hands ports from that range to every server
 * the run binds to port 0 (services, redis-servers, peers), and one of them once took a port from
 * freePort() that a test meant as a chat that was down.
 */
export async function closedPort(): Promise<number> {
  const highest = ephemeralLow() - 1;
  for (;;) {
    const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
    if (await bindable(port)) return port;
  }
}

/** The first port of the ephemeral range (Linux's default where it cannot be read). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST + 1000 ? low : 32768;
  } catch {
    return 32768;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
