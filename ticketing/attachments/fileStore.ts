import { createHash, randomBytes } from 'crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'fs/promises';
import { join } from 'path';

/**
 * File contents in a directory, each named by its SHA-256: every instance that mounts the same
 * directory (a shared volume) reads every file, the same content is kept once, and two instances
 * writing one file at once both end with the same whole file (written aside, then renamed).
 */
export class FileStore {
  constructor(private readonly dir: string) {}

  /** Stores the content unless it is there already; returns its SHA-256 (hex) and whether it was there. */
  async put(data: Buffer): Promise<{ sha256: string; existed: boolean }> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const path = this.pathOf(sha256);
    if (await exists(path)) return { sha256, existed: true };
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      await writeFile(temporary, data, { flag: 'wx' });
      await rename(temporary, path);
    } catch (err) {
      await unlink(temporary).catch(() => undefined);
      throw err;
    }
    return { sha256, existed: false };
  }

  /** Deletes the content (gone already is fine: two instances may sweep the same file). */
  async remove(sha256: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    await unlink(this.pathOf(sha256)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  read(sha256: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return readFile(this.pathOf(sha256));
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
