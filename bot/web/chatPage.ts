import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { gzip } from 'zlib';
import { promisify } from 'util';
import type { Request, Response, Server } from 'restify';
import { route } from '../../common/http';
import { pageSecurityHeaders } from '../../common/pageSecurity';
import type { Logger } from '../../common/logger';
import type { Locale } from '../../common/locale';
import { pageTexts, pickLocale } from './pageTexts';
import { escapeHtml, pageStart } from '../../common/html';

/** Where the page loads Web Chat from: the official bundle, straight from node_modules. */
export const WEBCHAT_BUNDLE_PATH = '/static/webchat.js';

const STATIC_DIR = join(__dirname, 'static');

/**
 * GET / is the customer's chat page (the official Web Chat client talking to the local Direct
 * Line endpoint), and GET /static/webchat.js serves that client. Nothing comes from a CDN.
 */
export function registerChatPage(server: Server, deps: { logger: Logger }): void {
  const { logger } = deps;
  const script = readFileSync(join(STATIC_DIR, 'chat.js'), 'utf8');
  const style = readFileSync(join(STATIC_DIR, 'chat.css'), 'utf8');
  const bundle = lazyGzip(join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js'));
  // Compressed now, in the background, so the first visitor does not wait for it.
  bundle().catch((err) => logger.error({ err }, 'the Web Chat bundle could not be read from node_modules'));

  const security = pageSecurityHeaders([script]);

  server.get(
    '/',
    route(logger, async (req: Request, res: Response) => {
      const locale = pickLocale(queryLang(req), req.header('accept-language'));
      const html = renderChatPage(locale, script, style);
      res.writeHead(200, {
        ...security,
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-language': locale,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
      });
      res.end(html);
    }),
  );

  server.get(
    WEBCHAT_BUNDLE_PATH,
    route(logger, async (req: Request, res: Response) => {
      const { raw, gzipped, etag } = await bundle();
      if (req.header('if-none-match') === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      const acceptsGzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
      const body = acceptsGzip ? gzipped : raw;
      res.writeHead(200, {
        'content-type': 'application/javascript; charset=utf-8',
        'content-length': String(body.length),
        'cache-control': 'public, max-age=86400',
        etag,
        vary: 'accept-encoding',
        'x-content-type-options': 'nosniff',
        ...(acceptsGzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(body);
    }),
  );
}

function queryLang(req: Request): string | undefined {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  return typeof lang === 'string' ? lang : undefined;
}

/** The 4 MB bundle is read and compressed once (about 1 MB gzipped), then served from memory. */
function lazyGzip(file: string): () => Promise<{ raw: Buffer; gzipped: Buffer; etag: string }> {
  let loaded: Promise<{ raw: Buffer; gzipped: Buffer; etag: string }> | undefined;
  return () => {
    loaded ??= (async () => {
      const raw = readFileSync(file);
      const gzipped = await promisify(gzip)(raw);
      return { raw, gzipped, etag: `"webchat-${raw.length}-${gzipped.length}"` };
    })();
    loaded.catch(() => (loaded = undefined));
    return loaded;
  };
}

export function renderChatPage(locale: Locale, script: string, style: string): string {
  const text = pageTexts[locale];
  const other: Locale = locale === 'pl' ? 'en' : 'pl';
  const chips = text.suggestions
    .map((q) => `<li><button type="button" class="chip" data-question="${escapeHtml(q)}">${escapeHtml(q)}</button></li>`)
    .join('');
  const config = {
    locale,
    webChatLocale: text.webChatLocale,
    bundle: WEBCHAT_BUNDLE_PATH,
    texts: { connecting: text.connecting, failed: text.failed },
  };
  return `${pageStart({ lang: locale, title: text.title, style })}
<header class="top">
  <div class="brand">
    <h1>${escapeHtml(text.product)}</h1>
    <p class="tagline">${escapeHtml(text.tagline)}</p>
  </div>
  <nav class="lang" aria-label="${escapeHtml(text.languageLabel)}">
    <a href="?lang=${other}" hreflang="${other}" lang="${other}" data-lang="${other}">${escapeHtml(pageTexts[other].switchTo)}</a>
  </nav>
</header>
<main class="page">
  <p class="intro">${escapeHtml(text.intro)}</p>
  <section class="suggestions" aria-labelledby="suggestions-title">
    <h2 id="suggestions-title">${escapeHtml(text.suggestionsTitle)}</h2>
    <ul class="chips">${chips}</ul>
  </section>
  <section class="chat" aria-label="${escapeHtml(text.chatLabel)}">
    <p class="status" role="status" id="chat-status">${escapeHtml(text.connecting)}</p>
    <button type="button" class="earlier" id="chat-earlier" hidden>${escapeHtml(text.earlier)}</button>
    <div id="webchat" class="webchat"></div>
  </section>
</main>
<script id="chat-config" type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
<script src="${WEBCHAT_BUNDLE_PATH}"></script>
<script>${script}</script>
</body>
</html>
`;
}
