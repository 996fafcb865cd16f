import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadTokens, parseTokenList, TokenRegistry } from '../../../ticketing/http/tokens';

const ALICE = 'alice-token-0123456789abcdef';
const BOT = 'bot-token-0123456789abcdefgh';

describe('API tokens from the environment', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'desk-tokens-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads API_TOKENS as token:role:principal entries and knows each caller by its token', () => {
    const tokens = loadTokens({ list: ` ${ALICE}:agent:alice , ${BOT}:system:bot ` });
    expect(tokens.size).toBe(2);
    expect(tokens.authenticate(ALICE)).toEqual({ role: 'agent', id: 'alice' });
    expect(tokens.authenticate(BOT)).toEqual({ role: 'system', id: 'bot' });
    expect(tokens.authenticate(`${ALICE}x`)).toBeUndefined();
    expect(tokens.authenticate('')).toBeUndefined();
    expect(tokens.source).toBe('API_TOKENS');
    expect(tokens.development).toBe(false);
  });

  it('reads API_TOKENS_FILE as a JSON list and combines it with API_TOKENS', () => {
    const file = join(dir, 'tokens.json');
    writeFileSync(file, JSON.stringify([{ token: BOT, role: 'operator', id: 'ops' }]));
    const tokens = loadTokens({ list: `${ALICE}:agent:alice`, file });
    expect(tokens.authenticate(BOT)).toEqual({ role: 'operator', id: 'ops' });
    expect(tokens.authenticate(ALICE)).toEqual({ role: 'agent', id: 'alice' });
  });

  it.each([
    [`${ALICE}:agent`, /API_TOKENS entry 1: id: a principal must be/],
    [`${ALICE}:agent:alice,${BOT}:admin:bob`, /API_TOKENS entry 2: role: Invalid enum value/],
    ['short:agent:alice', /entry 1: token: a token must be at least 16 characters/],
    [`${ALICE}:agent:alice:extra`, /entry 1: expected token:role:principal/],
    [`${ALICE}:agent:al ice`, /entry 1: id: a principal must be/],
    [`${ALICE}:agent:alice,${ALICE}:system:bot`, /the same token is listed twice/],
  ])('refuses API_TOKENS=%s with a message naming the entry and field', (value, message) => {
    expect(() => loadTokens({ list: value })).toThrow(message);
  });

  it('never puts a token into an error message', () => {
    expect(() => parseTokenList(`${ALICE}:nobody:alice`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(ALICE) }));
  });

  it('names the file and the field when API_TOKENS_FILE is wrong', () => {
    const file = join(dir, 'tokens.json');
    writeFileSync(file, JSON.stringify([{ token: ALICE, role: 'agent' }]));
    expect(() => loadTokens({ file })).toThrow(`API_TOKENS_FILE ${file}: 0.id: Required`);
    writeFileSync(file, '{not json');
    expect(() => loadTokens({ file })).toThrow(new RegExp(`API_TOKENS_FILE ${file}: .*JSON`));
    expect(() => loadTokens({ file: join(dir, 'missing.json') })).toThrow(/ENOENT/);
  });

  it('refuses to start an open API: no tokens and no development file is an error naming both variables', () => {
    expect(() => loadTokens({})).toThrow(/API_TOKENS .*API_TOKENS_FILE/);
  });

  it('generates one private token per role for local development and keeps them across starts', () => {
    const file = join(dir, 'sub', 'api-tokens.json');
    const first = loadTokens({ devTokensFile: file });
    expect(first.source).toContain(file);
    expect(first.development).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { token: string; role: string; id: string }[];
    expect(written.map((e) => e.role).sort()).toEqual(['agent', 'operator', 'system']);
    for (const entry of written) {
      expect(entry.token.length).toBeGreaterThanOrEqual(32);
      expect(first.authenticate(entry.token)).toEqual({ role: entry.role, id: entry.id });
    }
    const second = loadTokens({ devTokensFile: file });
    expect(second.authenticate(written[0]!.token)).toEqual({ role: written[0]!.role, id: written[0]!.id });
  });

  it('prefers configured tokens over the development file', () => {
    const file = join(dir, 'api-tokens.json');
    const tokens = loadTokens({ list: `${ALICE}:agent:alice`, devTokensFile: file });
    expect(tokens.size).toBe(1);
    expect(() => statSync(file)).toThrow();
  });

  it('a registry can be built directly, for tests and tools', () => {
    const registry = new TokenRegistry([{ token: ALICE, role: 'operator', id: 'ops' }], 'inline');
    expect(registry.authenticate(ALICE)?.role).toBe('operator');
  });
});
