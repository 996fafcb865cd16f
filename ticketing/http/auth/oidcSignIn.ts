import type { RedisClient } from '../../../common/redisConnection';
import * as oidc from 'openid-client';
import type { Request, Response, Server } from 'restify';
import { escapeHtml } from '../../../common/html';
import { HttpError, route } from '../../../common/http';
import type { Logger } from '../../../common/logger';
import { type AccessGate, actorOf, type PersonSessions, SESSION_COOKIE } from './accessGate';
import { readCookie, setCookie } from './cookies';
import { type ClaimMapping, personFromClaims } from './personFromClaims';
import { keyIn } from '../../../common/redisKeys';

export const SIGN_IN_PATH = '/auth/login';
export const CALLBACK_PATH = '/auth/callback';
export const SIGN_OUT_PATH = '/auth/logout';
/** Where the console lives: the only place sign-in returns to. */
const CONSOLE_HOME = '/agent';
/** Binds a sign-in to the browser that started it (login CSRF): the state travels in it too. */
const LOGIN_COOKIE = 'desk_login';
const LOGIN_TTL_SECONDS = 600;

/** The desk as an OpenID Connect client of the organisation's identity provider. */
export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  /** Absent: a public client (PKCE only). */
  clientSecret?: string;
  /**
   * This desk's /auth/callback as the provider knows it; with several (a development desk at
   * both localhost and 127.0.0.1), the one on the host the browser used, so its cookies come back.
   */
  redirectUrls: string[];
  scopes: string;
  claims: ClaimMapping;
}

export interface SignInDeps {
  /** Read at each sign-in: a development provider is known only once the desk listens. */
  oidc: () => OidcSettings | undefined;
  gate: AccessGate;
  sessions: PersonSessions;
  redis: RedisClient;
  prefix: string;
  logger: Logger;
}

/** What a started sign-in keeps until the provider sends the browser back (any instance may get it). */
interface PendingSignIn {
  redirectUrl: string;
  verifier: string;
  nonce: string;
  returnTo: string;
}

/**
 * Agent sign-in with the organisation's identity provider: authorization code with PKCE, state
 * and nonce (openid-client), then a session in RedisClient behind an HttpOnly cookie. GET /auth/login
 * sends the browser to the provider, GET /auth/callback checks its answer and signs the person
 * in, POST /auth/logout (a signed-in change: CSRF token required) ends the session.
 */
export function registerSignIn(server: Server, deps: SignInDeps): void {
  const { gate, sessions, redis, prefix, logger } = deps;
  let discovered: Promise<oidc.Configuration> | null = null;
  const settingsNow = () => {
    const settings = deps.oidc();
    if (!settings) throw new HttpError(503, 'unavailable', 'sign-in is starting; try again in a moment');
    return settings;
  };
  const secure = () => settingsNow().redirectUrls[0]!.startsWith('https://');
  // Discovery is fetched once, when the first person signs in; a failure is tried again next time.
  const configuration = () => {
    discovered ??= discover(settingsNow()).catch((err) => {
      discovered = null;
      throw err;
    });
    return discovered;
  };
  const pendingKey = (state: string) => `${keyIn(prefix, `login:${state}`)}pending`;

  server.get(
    SIGN_IN_PATH,
    route(logger, async (req, res) => {
      const settings = settingsNow();
      const config = await configuration();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const redirectUrl = settings.redirectUrls.find((u) => new URL(u).host === req.header('host')) ?? settings.redirectUrls[0]!;
      const pending: PendingSignIn = { redirectUrl, verifier, nonce: oidc.randomNonce(), returnTo: returnPath(req) };
      await redis.set(pendingKey(state), JSON.stringify(pending), 'EX', LOGIN_TTL_SECONDS);
      const target = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUrl,
        scope: settings.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce: pending.nonce,
      });
      res.setHeader('set-cookie', setCookie(LOGIN_COOKIE, state, { path: '/auth', maxAge: LOGIN_TTL_SECONDS, secure: secure() }));
      redirect(res, target.href);
    }),
  );

  server.get(
    CALLBACK_PATH,
    route(logger, async (req, res) => {
      const query = new URL(req.url ?? '', 'http://desk').searchParams;
      const state = query.get('state') ?? '';
      const pendingJson = state && readCookie(req, LOGIN_COOKIE) === state ? await redis.getdel(pendingKey(state)) : null;
      if (!pendingJson) return refuse(req, res, 'this sign-in was not started here or has expired');
      const pending = JSON.parse(pendingJson) as PendingSignIn;
      let claims: Record<string, unknown>;
      try {
        // The redirect URI sent at sign-in: openid-client sends this URL's origin and path with the code.
        const currentUrl = new URL(pending.redirectUrl);
        currentUrl.search = query.toString();
        const tokens = await oidc.authorizationCodeGrant(await configuration(), currentUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = { ...tokens.claims() };
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'sign-in refused by the identity provider or its answer failed the checks');
        return refuse(req, res, (err as Error).message);
      }
      const person = personFromClaims(claims, settingsNow().claims);
      if ('refused' in person) return refuse(req, res, person.refused);
      const { cookie } = await sessions.start(person);
      await gate.remember(person);
      await gate.record(req, actorOf(person), 'sign_in', 303, person.name);
      res.setHeader('set-cookie', [
        setCookie(SESSION_COOKIE, cookie, { path: '/', secure: secure() }),
        setCookie(LOGIN_COOKIE, '', { path: '/auth', maxAge: 0, secure: secure() }),
      ]);
      redirect(res, pending.returnTo);
    }),
  );

  server.post(
    SIGN_OUT_PATH,
    route(logger, async (req, res) => {
      const principal = await gate.authorise(req, res, ['agent', 'supervisor']);
      const cookie = readCookie(req, SESSION_COOKIE);
      if (cookie) await sessions.end(cookie);
      await gate.record(req, actorOf(principal), 'sign_out', 204);
      res.setHeader('set-cookie', setCookie(SESSION_COOKIE, '', { path: '/', maxAge: 0, secure: secure() }));
      res.send(204);
    }),
  );

  async function refuse(req: Request, res: Response, why: string): Promise<void> {
    await gate.record(req, 'anonymous', 'sign_in_failed', 403, why);
    res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign-in failed</title>` +
        `<h1>Sign-in failed</h1><p>${escapeHtml(why)}</p><p><a href="${SIGN_IN_PATH}">Try again</a></p></html>`,
    );
  }
}

async function discover(settings: OidcSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuerUrl);
  // Plain http only for a provider on this machine (development, tests); config refuses it elsewhere.
  const insecure = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
  const auth = settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None();
  return oidc.discovery(issuer, settings.clientId, settings.clientSecret, auth, insecure);
}

/** The console page to return to after sign-in: a path under /agent, nothing else. */
function returnPath(req: Request): string {
  const asked = new URL(req.url ?? '', 'http://desk').searchParams.get('return') ?? '';
  return /^\/agent(\/[\w/-]*)?$/.test(asked) ? asked : CONSOLE_HOME;
}

function redirect(res: Response, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}
