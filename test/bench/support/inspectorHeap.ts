import WebSocket from 'ws';

/** Node options that open a process's inspector on a free loopback port, for heapAfterGc(). */
export const INSPECT_ARGS = ['--inspect=127.0.0.1:0'];

/**
 * The V8 heap a process still uses after a full garbage collection, forced from outside through
 * its inspector (HeapProfiler.collectGarbage), so the product needs no hook for it. `output` is
 * what the process wrote to stderr, where Node names the inspector's address.
 */
export async function heapAfterGc(output: string): Promise<{ heapUsedMb: number; rssMb: number }> {
  const address = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!address) throw new Error('the process has no inspector open (start it with INSPECT_ARGS)');
  const socket = new WebSocket(address);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const call = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown>; error?: unknown };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const evaluated = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const usage = JSON.parse((evaluated.result as { value: string }).value) as { heapUsed: number; rss: number };
    const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
    return { heapUsedMb: mb(usage.heapUsed), rssMb: mb(usage.rss) };
  } finally {
    socket.close();
  }
}
