import { generateKeyPairSync, randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { Adapter, AdapterPayload, default as Provider } from 'oidc-provider';
import { escapeHtml, pageStart } from '../../common/html';
import type { Category } from '../domain/types';

/** A demo account of the development identity provider. */
export interface DemoAgent {
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'supervisor';
  skills: Category[];
}

/** Everyone the development provider signs in; each signs in with the password `demo`. */
export const DEMO_AGENTS: readonly DemoAgent[] = [
  { id: 'alice', name: 'Alice Nowak', email: 'alice@desk.test', role: 'agent', skills: ['technical'] },
  { id: 'bob', name: 'Bob Wiśniewski', email: 'bob@desk.test', role: 'agent', skills: ['billing', 'presales'] },
  // A second technical agent: someone a supervisor may hand Alice's tickets to.
  { id: 'dave', name: 'Dave Kowalczyk', email: 'dave@desk.test', role: 'agent', skills: ['technical'] },
  { id: 'carol', name: 'Carol Zielińska', email: 'carol@desk.test', role: 'supervisor', skills: ['technical', 'billing', 'presales'] },
];
export const DEMO_PASSWORD = 'demo';

export interface DevIdentityProviderOptions {
  /** The one client it knows: the desk. */
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** 0: a free port. Always on loopback. */
  port?: number;
}

export interface DevIdentityProvider {
  /** The issuer URL (http://127.0.0.1:<port>): OIDC_ISSUER_URL for the desk. */
  issuer: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the certified `oidc-provider`) on loopback with the demo
 * agents, for development and tests: the desk signs in through it exactly as through Entra ID or
 * Keycloak (discovery, authorization code with PKCE, signed ID tokens). Its sign-in page is its
 * own, says it is for development, and lists the demo accounts; consent is implied for the desk.
 * The desk never starts it in production.
 */
export async function startDevIdentityProvider(options: DevIdentityProviderOptions): Promise<DevIdentityProvider> {
  // Listening first: the issuer is its address. Nobody knows the port before the provider answers.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const records: MemoryRecords = new Map();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  // Loaded only here: a desk with a real provider (production) never loads it, nor prints its notices.
  const { default: OidcProvider } = await import('oidc-provider');
  const provider = new OidcProvider(issuer, {
    adapter: (model: string) => new MemoryAdapter(model, records),
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 8 * 3600, Session: 8 * 3600 },
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'dev' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'profile', 'email', 'desk'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], desk: ['desk_role', 'desk_skills'] },
    // The desk reads who signed in from the ID token alone.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const agent = DEMO_AGENTS.find((a) => a.id === id);
      if (!agent) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: agent.name,
          preferred_username: id,
          email: agent.email,
          desk_role: agent.role,
          desk_skills: agent.skills,
        }),
      };
    },
  });
  const handle = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (/^\/interaction\/[\w-]+$/.test(req.url ?? '')) void interact(provider, req, res).catch((err) => fail(res, err));
    else handle(req, res);
  });
  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The provider's records (sessions, codes, grants) in this process's memory: a development
 * provider forgets them when it stops, and the desk's own sessions are in Redis anyway.
 */
type MemoryRecords = Map<string, { payload: AdapterPayload; expiresAt: number }>;

class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly records: MemoryRecords,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    this.records.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const record = this.records.get(this.key(id));
    if (record && record.expiresAt > Date.now()) return record.payload;
    this.records.delete(this.key(id));
    return undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    for (const [key, record] of this.records)
      if (key.startsWith(`${this.model}:`) && record.payload.uid === uid) return this.find(key.slice(this.model.length + 1));
    return undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined; // no device flow
  }

  async consume(id: string): Promise<void> {
    const record = this.records.get(this.key(id));
    if (record) record.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.records.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, record] of this.records) if (record.payload.grantId === grantId) this.records.delete(key);
  }
}

/** The sign-in page (GET) and its form (POST): a demo account and its password, then back to the desk. */
async function interact(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method !== 'POST') return page(res, 200, details.uid);
  const form = new URLSearchParams(await readBody(req));
  const agent = DEMO_AGENTS.find((a) => a.id === form.get('login')?.trim().toLowerCase());
  if (!agent || form.get('password') !== DEMO_PASSWORD) return page(res, 401, details.uid, 'Unknown account or wrong password.');
  const grant = new provider.Grant({ accountId: agent.id, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: agent.id }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

const SIGN_IN_STYLE =
  'body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}label{display:block;margin-top:.75rem}input{width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}.warn{background:#fff3cd;padding:.5rem;border:1px solid #e0c36b}.error{color:#b00020}';

function page(res: ServerResponse, status: number, uid: string, error?: string): void {
  const accounts = DEMO_AGENTS.map(
    (a) => `<li><code>${escapeHtml(a.id)}</code>: ${escapeHtml(a.name)}, ${a.role}, skills: ${a.skills.join(', ')}</li>`,
  ).join('');
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  res.end(`${pageStart({ lang: 'en', title: 'Development sign-in', style: SIGN_IN_STYLE })}
<h1>Development sign-in</h1>
<p class="warn">This identity provider is for development and tests only: production signs in with your organisation's OpenID Connect provider (OIDC_ISSUER_URL).</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}">
<label for="login">Account</label><input id="login" name="login" autocomplete="username" autofocus required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p>Demo accounts (password <code>${DEMO_PASSWORD}</code>):</p><ul>${accounts}</ul>
</body></html>`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('sign-in form too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function fail(res: ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`sign-in failed: ${(err as Error).message}`);
}
