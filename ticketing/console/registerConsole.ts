import { pageSecurityHeaders } from '../../common/pageSecurity';
import { pageStart } from '../../common/html';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Request, Response, Server } from 'restify';
import { HttpError, route } from '../../common/http';
import type { Logger } from '../../common/logger';
import type { AccessGate } from '../http/auth/accessGate';
import type { OrganisationDirectory } from '../store/organisationStore';
import type { TicketChangeFeed } from './changeFeed';

export const CONSOLE_PATH = '/agent';
export const REPORTS_PATH = '/agent/reports';
export const EVENTS_PATH = '/api/events';
export const ORGANISATION_NAMES_PATH = '/api/console/organisation-names';
export const WHO_AM_I_PATH = '/api/console/me';

/** A silent event stream gets a comment this often, so proxies keep it open. */
const HEARTBEAT_MS = 20_000;
const ASSETS = join(__dirname, 'assets');

export interface ConsoleDeps {
  gate: AccessGate;
  organisations: OrganisationDirectory;
  feed: TicketChangeFeed;
  logger: Logger;
}

/**
 * The agent console: GET /agent (one page; it works the queues through the ticketing REST API
 * with the agent's token), GET /api/events (server-sent ticket changes, so its lists refresh by
 * themselves), and two small lookups: whose token it is, and the organisation names its lists show.
 */
export function registerConsole(server: Server, deps: ConsoleDeps): { close(): void } {
  const { gate, organisations, feed, logger } = deps;
  // The console's scripts in order: console.js, then the parts that register with it.
  const script = [
    'console.js',
    'serverTexts.js',
    'findTickets.js',
    'ticketNotes.js',
    'ticketPresence.js',
    'savedReplies.js',
    'ticketAssign.js',
  ]
    .map((file) => readFileSync(join(ASSETS, file), 'utf8'))
    .join('\n');
  const style = ['console.css', 'workspace.css'].map((file) => readFileSync(join(ASSETS, file), 'utf8')).join('\n');
  const page = renderConsolePage(script, style);
  const reportsScript = readFileSync(join(ASSETS, 'reports.js'), 'utf8');
  const reportsPage = renderConsolePage(
    reportsScript,
    readFileSync(join(ASSETS, 'console.css'), 'utf8') + readFileSync(join(ASSETS, 'reports.css'), 'utf8'),
    'SLA reports',
  );
  const streams = new Set<Response>();

  const servePage = (html: string, scriptText: string) => {
    const security = pageSecurityHeaders([scriptText]);
    return (_req: Request, res: Response, next: () => void) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...security,
        'referrer-policy': 'no-referrer',
      });
      res.end(html);
      next();
    };
  };
  server.get(CONSOLE_PATH, servePage(page, script));
  // The SLA dashboard: its own page, signed in with the console's token (same tab, same sessionStorage).
  server.get(REPORTS_PATH, servePage(reportsPage, reportsScript));

  // The console learns here who is signed in (its "my tickets") and the session's CSRF token,
  // which it sends with every change; a token caller gets none (it needs none).
  server.get(
    WHO_AM_I_PATH,
    route(logger, async (req, res) => {
      const { principal, session } = await gate.identify(req, res);
      res.header('cache-control', 'no-store');
      res.json({ ...principal, ...(session ? { csrfToken: session.csrf } : {}) });
    }),
  );

  server.get(
    ORGANISATION_NAMES_PATH,
    route(logger, async (req, res) => {
      await gate.authorise(req, res, ['agent', 'operator']);
      const raw = (req.query as Record<string, unknown> | undefined)?.ids;
      const ids =
        typeof raw === 'string'
          ? [
              ...new Set(
                raw
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              ),
            ]
          : [];
      if (ids.length === 0 || ids.length > 100)
        throw new HttpError(400, 'invalid_query', 'ids: give 1-100 organisation ids separated by commas');
      const names: Record<string, string> = {};
      for (const org of await Promise.all(ids.map((id) => organisations.get(id)))) if (org) names[org.id] = org.name;
      res.json({ names });
    }),
  );

  // The console reads the stream with fetch: its session cookie goes along (a machine sends its bearer token); nothing is put in the URL.
  server.get(
    EVENTS_PATH,
    route(logger, async (req, res) => {
      await gate.authorise(req, res, ['agent', 'operator']);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: connected\n\n');
      streams.add(res);
      const unlisten = feed.listen((change) => res.write(`event: ticket\ndata: ${JSON.stringify(change)}\n\n`));
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      req.on('close', () => {
        clearInterval(heartbeat);
        unlisten();
        streams.delete(res);
      });
    }),
  );

  return {
    close() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

export function renderConsolePage(script: string, style: string, title = 'agent console'): string {
  return `${pageStart({ lang: 'en', title: `Support Desk – ${title}`, style })}
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <h1 class="brand"><a href="/agent#/">Support Desk <span>${title}</span></a></h1>
  <nav class="pages"><a href="/agent#/">Queues</a> <a href="/agent/reports">SLA reports</a> <a href="/agent#/find">Find tickets</a> <a href="/agent/knowledge">Knowledge</a> <a href="/agent#/saved-replies">Saved replies</a></nav>
  <div class="who" id="who" hidden>
    <span id="who-name"></span>
    <span class="live" id="live" title="Live updates">●</span>
    <button type="button" id="sign-out">Sign out</button>
  </div>
</header>
<main id="main" tabindex="-1"></main>
<div class="sr-only" role="status" aria-live="polite" id="announcer"></div>
<script>${script}</script>
</body>
</html>
`;
}
