import { connect } from 'net';

/**
 * What Redis at `url` is sent, seen through MONITOR on a raw socket: ioredis' own monitor mode
 * loses track of its replies under the heavy traffic of the shared test Redis ("Command queue
 * state error"). Resolves once MONITOR is on; `lines` grows with each command Redis runs.
 */
export async function monitorRedis(url: string): Promise<{ lines: string[]; stop(): void }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const lines: string[] = [];
  let partial = ''; // a line may span chunks
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      const parts = (partial + chunk.toString('utf8')).split('\r\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        if (line === '+OK') resolve();
        else lines.push(line);
      }
    });
    socket.write('MONITOR\r\n');
  });
  return { lines, stop: () => socket.destroy() };
}
