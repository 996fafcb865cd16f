import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { z } from 'zod';
import { describeZodError } from '../../common/http';
import { CATEGORIES, type Category, ID_PATTERN } from '../domain/types';

/**
 * Who may call the REST API. `agent` works the queues, `supervisor` does all an agent does and
 * reassigns tickets, revokes sessions and reads the audit log, `system` is the bot (opens tickets
 * for verified administrators, reads them, relays customer messages), `operator` runs the service
 * (organisations and administrators, and may read everything).
 */
export type Role = 'agent' | 'supervisor' | 'system' | 'operator';
export const ROLES = ['agent', 'supervisor', 'system', 'operator'] as const satisfies readonly Role[];

/**
 * The caller a valid token or session stands for; `id` is the actor recorded in ticket histories.
 * `skills` are the categories whose tickets they may take (every category when not given).
 */
export interface Principal {
  role: Role;
  id: string;
  name?: string;
  skills?: readonly Category[];
}

export interface TokenEntry extends Principal {
  token: string;
}

/** Tokens shorter than this are refused: they could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

const tokenEntrySchema = z.object({
  token: z
    .string()
    .min(MIN_TOKEN_LENGTH, `a token must be at least ${MIN_TOKEN_LENGTH} characters`)
    .regex(/^[^\s:,]+$/, 'a token may not contain spaces, ":" or ","'),
  role: z.enum(ROLES),
  id: z.string().regex(ID_PATTERN, 'a principal must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  skills: z.array(z.enum(CATEGORIES)).optional(),
});
const tokenFileSchema = z.array(tokenEntrySchema).min(1, 'the file lists no tokens');

/** The API's tokens, kept only as SHA-256 digests and compared in constant time. */
export class TokenRegistry {
  private readonly digests: { digest: Buffer; principal: Principal }[];

  /**
   * `source` says in the start-up log where the tokens came from; `development` marks tokens
   * generated for local use, which the log points out.
   */
  constructor(
    entries: readonly TokenEntry[],
    readonly source: string,
    readonly development = false,
  ) {
    const seen = new Set<string>();
    this.digests = entries.map(({ token, role, id }) => {
      if (seen.has(token)) throw new Error(`${source}: the same token is listed twice`);
      seen.add(token);
      return { digest: sha256(token), principal: { role, id } };
    });
  }

  get size(): number {
    return this.digests.length;
  }

  /** The principal of a presented token, or undefined. Every entry is compared, matching or not. */
  authenticate(token: string): Principal | undefined {
    const presented = sha256(token);
    let found: Principal | undefined;
    for (const entry of this.digests) {
      if (timingSafeEqual(presented, entry.digest)) found = entry.principal;
    }
    return found;
  }

  /** The principal of a token by its id (the first listed), or undefined. */
  principalOf(id: string): Principal | undefined {
    return this.digests.find((entry) => entry.principal.id === id)?.principal;
  }

  /** The digests (hex) of a principal's tokens: what revoking them stores. */
  digestsOf(id: string): string[] {
    return this.digests.filter((entry) => entry.principal.id === id).map((entry) => entry.digest.toString('hex'));
  }
}

/** The digest (hex) a revoked token is remembered by. */
export function tokenDigest(token: string): string {
  return sha256(token).toString('hex');
}

export interface TokenSources {
  /** API_TOKENS. */
  list?: string;
  /** API_TOKENS_FILE. */
  file?: string;
  /**
   * Local development only: when neither API_TOKENS nor API_TOKENS_FILE is set, read the tokens
   * from this file, or generate random ones (one per role) and write them there first. Without
   * it (production), missing tokens are an error: the API is never open.
   */
  devTokensFile?: string;
}

/**
 * The API's tokens:
 * - `API_TOKENS`: `token:role:principal` entries separated by commas,
 *   e.g. `3f9c...:agent:alice,71ab...:system:bot,c0de...:operator:ops`;
 * - `API_TOKENS_FILE`: a JSON file `[{"token": "...", "role": "agent", "id": "alice"}, ...]`.
 * Both may be set; their tokens are combined. Errors name the variable or file and the entry.
 */
export function loadTokens(config: TokenSources): TokenRegistry {
  const entries: TokenEntry[] = [];
  const sources: string[] = [];
  if (config.list?.trim()) {
    entries.push(...parseTokenList(config.list));
    sources.push('API_TOKENS');
  }
  if (config.file?.trim()) {
    entries.push(...readTokenFile(config.file, 'API_TOKENS_FILE'));
    sources.push(`API_TOKENS_FILE=${config.file}`);
  }
  if (entries.length) return new TokenRegistry(entries, sources.join(' and '));

  const { devTokensFile } = config;
  if (!devTokensFile) {
    throw new Error('no API tokens configured: set API_TOKENS (token:role:principal,...) or API_TOKENS_FILE (a JSON file)');
  }
  if (!existsSync(devTokensFile)) writeDevTokens(devTokensFile);
  return new TokenRegistry(
    readTokenFile(devTokensFile, 'the development tokens file'),
    `development tokens in ${devTokensFile} (neither API_TOKENS nor API_TOKENS_FILE is set)`,
    true,
  );
}

/** Parses `token:role:principal,...`; a bad entry is named by its position, never by its token. */
export function parseTokenList(value: string): TokenEntry[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, index) => {
      const [token = '', role = '', id = '', ...rest] = part.split(':');
      const where = `API_TOKENS entry ${index + 1}`;
      if (rest.length) throw new Error(`${where}: expected token:role:principal, found more than three parts`);
      const result = tokenEntrySchema.safeParse({ token, role, id });
      if (!result.success) throw new Error(`${where}: ${describeZodError(result.error)}`);
      return result.data;
    });
}

function readTokenFile(file: string, what: string): TokenEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${what} ${file}: ${(err as Error).message}`);
  }
  const result = tokenFileSchema.safeParse(json);
  if (!result.success) throw new Error(`${what} ${file}: ${describeZodError(result.error)}`);
  return result.data;
}

function writeDevTokens(file: string): void {
  const entries: TokenEntry[] = [
    { token: randomToken(), role: 'agent', id: 'agent1' },
    { token: randomToken(), role: 'system', id: 'bot' },
    { token: randomToken(), role: 'operator', id: 'operator' },
  ];
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
