import { createHash } from 'crypto';

/**
 * Headers for the product's HTML pages (the chat page, the agent console): scripts only from this
 * server or inline ones named by their hash, images only from here (a tracking pixel in an
 * agent's text fetched nothing), connections only back here (and to the page's own blob: objects,
 * which Web Chat reads a chosen file from to upload it), and no framing by another site.
 * Styles may be inline: Web Chat injects its own.
 */
export function pageSecurityHeaders(inlineScripts: readonly string[]): Record<string, string> {
  const hashes = inlineScripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  const policy = [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' blob:",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return { 'content-security-policy': policy.join('; '), 'x-frame-options': 'DENY' };
}
