import { connect } from 'net';
import { clusterNodes, isClusterAddress } from '../../common/redisConnection';

/**
 * What Redis at `address` is sent, seen through MONITOR on a raw socket: ioredis' own monitor
 * mode loses track of its replies under the heavy traffic of the shared test Redis ("Command
 * queue state error"). On a cluster address, every node's commands (in order per node only).
 * Resolves once MONITOR is on; `lines` grows with each command Redis runs.
 */
export async function monitorRedis(address: string): Promise<{ lines: string[]; stop(): void }> {
  const nodes = isClusterAddress(address) ? clusterNodes(address).map((node) => new URL(`redis://${node}`)) : [new URL(address)];
  const lines: string[] = [];
  const sockets = await Promise.all(nodes.map(({ hostname, port }) => monitorNode(hostname, Number(port), lines)));
  return { lines, stop: () => sockets.forEach((socket) => socket.destroy()) };
}

async function monitorNode(hostname: string, port: number, lines: string[]): Promise<ReturnType<typeof connect>> {
  const socket = connect(port, hostname);
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
  return socket;
}
