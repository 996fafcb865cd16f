import { isIP } from 'net';

/** What a request reveals about where it came from. */
export interface ClientRequest {
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The address a request's client has, for per-client limits. Behind a reverse proxy every
 * request comes from the proxy, so its X-Forwarded-For is read, but only when the connection
 * comes from one of `trustedProxies` (anyone else could write any address there): the list is
 * read from the right, skipping the trusted proxies, and the first other address is the client.
 */
export function clientAddressResolver(trustedProxies: readonly string[]): (req: ClientRequest) => string {
  const trusted = new Set(trustedProxies.map(plain));
  return (req) => {
    const peer = plain(req.socket?.remoteAddress ?? 'unknown');
    if (!trusted.has(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => plain(hop.trim()));
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = hops[i]!;
      if (!isIP(hop)) break;
      client = hop;
      if (!trusted.has(hop)) break;
    }
    return client;
  };
}

/** '::ffff:10.0.0.1' (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
