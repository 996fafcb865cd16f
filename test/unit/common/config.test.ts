import { readdirSync, readFileSync } from 'fs';
import { join, relative, resolve } from 'path';
import { CONFIG_VARIABLES, loadConfig } from '../../../common/config';

const ROOT = resolve(__dirname, '../../..');

/** The variables named in the first column of the README's "Configuration" table. */
function readmeVariables(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]!.split(/^## /m)[0]!;
  const names = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]!));
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the configuration', () => {
  it('is documented: the README table lists exactly the variables the product reads, each once', () => {
    const documented = readmeVariables();
    expect(documented.length).toBe(new Set(documented).size);
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('is read in one place: no product module reads process.env except to hand it to the config loader', () => {
    const readers = ['bot', 'ticketing', 'knowledge', 'common']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) =>
        readFileSync(file, 'utf8')
          .replace(/load(TeamsPackage)?Config\(process\.env\)/g, '')
          .includes('process.env'),
      )
      .map((file) => relative(ROOT, file));
    expect(readers).toEqual([]);
  });

  it('has one default for every optional setting', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      production: false,
      port: 3978,
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'desk:' },
      kbRateLimitPerMinute: 120,
      verification: { ttlHours: 8, delivery: { outboxDir: './.data/outbox', mailFrom: 'Support Desk <no-reply@localhost>' } },
      directLine: { tokenTtlSeconds: 1800, transcriptTtlSeconds: 30 * 24 * 3600, tokensPerMinute: 30, activitiesPerMinute: 120 },
    });
    expect(config.escalationWebhook).toBeUndefined();
    expect(config.verification.delivery.sms).toBeUndefined();
  });

  it('treats a blank variable as unset (a .env line "SMTP_URL=")', () => {
    expect(loadConfig({ SMTP_URL: '', REDIS_PREFIX: ' ', PORT: '' })).toMatchObject({
      port: 3978,
      redis: { prefix: 'desk:' },
      verification: { delivery: { smtpUrl: undefined } },
    });
  });

  it('refuses bad values in one line naming every variable at fault, never echoing a secret', () => {
    let message = '';
    try {
      loadConfig({
        PORT: '70000',
        KB_RATE_LIMIT_PER_MINUTE: '0',
        SMTP_URL: 'mail.example.com',
        PIN_SECRET: 'hunter2',
        DIRECTLINE_TOKEN_TTL_SECONDS: '1.5',
        HTTP_KEEP_ALIVE_MS: '65s',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain('\n');
    for (const name of ['PORT', 'KB_RATE_LIMIT_PER_MINUTE', 'SMTP_URL', 'PIN_SECRET', 'DIRECTLINE_TOKEN_TTL_SECONDS', 'HTTP_KEEP_ALIVE_MS'])
      expect(message).toContain(`${name}:`);
    expect(message).not.toContain('hunter2');
  });
});
