import { spawn, type ChildProcess } from 'child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { ImapFlow } from 'imapflow';
import { freePort } from './redisServer';
import { PATIENCE_MS } from './waitFor';

/** A private dovecot IMAP server (Debian's dovecot-imapd) with one mailbox, on a free loopback port. */
export interface ImapServer {
  /** imap://support:<password>@127.0.0.1:<port>, ready for IMAP_URL. */
  url: string;
  port: number;
  user: string;
  password: string;
  /** Puts a raw message into the folder, as the mailbox's MX would deliver it. */
  deliver(raw: string | Buffer, folder?: string): Promise<void>;
  /** Creates a folder (a scenario's own mailbox folder). */
  createFolder(folder: string): Promise<void>;
  /** The flags of every message in the folder, by UID. */
  flags(folder?: string): Promise<Map<number, Set<string>>>;
  stop(): Promise<void>;
}

const DOVECOT = '/usr/sbin/dovecot';

/**
 * Starts dovecot with its own configuration, base and state directories under a temporary
 * directory: never the system's instance, never its config or its port. Mail is kept as
 * Maildir owned by `nobody` (dovecot refuses to keep mail as root).
 */
export async function startImapServer(): Promise<ImapServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'desk-imap-'));
  const user = 'support';
  const password = `secret-${port}`;
  // dovecot's own users (auth, login) must reach the password file and the sockets.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  chownSync(join(dir, 'mail'), uidOf('nobody'), gidOf('nogroup'));
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = desk-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitForPort(port, child, () => `${stderr}${readLog(dir)}`);

  const withClient = async <T>(folder: string, work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    await client.connect();
    try {
      await client.mailboxOpen(folder);
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };

  return {
    url: `imap://${user}:${password}@127.0.0.1:${port}`,
    port,
    user,
    password,
    createFolder: (folder) => withClient('INBOX', async (c) => void (await c.mailboxCreate(folder))),
    deliver: (raw, folder = 'INBOX') => withClient(folder, async (c) => void (await c.append(folder, raw))),
    flags: (folder = 'INBOX') =>
      withClient(folder, async (c) => {
        const flags = new Map<number, Set<string>>();
        if (!c.mailbox || c.mailbox.exists === 0) return flags;
        for (const m of await c.fetchAll('1:*', { uid: true, flags: true })) flags.set(m.uid, m.flags ?? new Set());
        return flags;
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}

async function waitForPort(port: number, child: ChildProcess, diagnostics: () => string): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}: ${diagnostics()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port} within 15 s: ${diagnostics()}`);
}

function uidOf(name: string): number {
  return idFrom('/etc/passwd', name);
}

function gidOf(name: string): number {
  return idFrom('/etc/group', name);
}

function idFrom(file: string, name: string): number {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no ${name} in ${file}: is dovecot-imapd installed (see .ci/run)?`);
  return Number(line.split(':')[2]);
}
