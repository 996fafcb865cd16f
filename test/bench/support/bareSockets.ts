/**
 * The memory floor for held web chats: a bare `ws` WebSocketServer in its own Node process
 * (started as the service is, `node --import tsx`), doing nothing with its sockets. What N idle
 * sockets cost it is what any Node server pays to hold N streams.
 *
 *   startBareSocketServer()   from a benchmark
 */
import { spawn } from 'child_process';
import { createServer } from 'http';
import { resolve } from 'path';
import { WebSocketServer } from 'ws';

export interface BareSocketServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startBareSocketServer(): Promise<BareSocketServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename], {
    cwd: resolve(__dirname, '../../..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on (\d+)/.exec(out);
      if (match) resolvePort(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the bare WebSocket server exited (${code})`)));
  });
  return {
    url: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (require.main === module) {
  const server = createServer();
  new WebSocketServer({ server });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening on ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => process.exit(0));
}
