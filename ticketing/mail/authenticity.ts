import { authenticate, type DNSResolver } from 'mailauth';

/** A DNS lookup as mailauth asks for it (node's dns.promises.resolve by default; tests pass their answers). */
export type DnsResolver = DNSResolver;

export interface Authenticity {
  authentic: boolean;
  /** What decided it, for the log and the ticket history: 'dmarc pass', 'dkim pass (contoso.pl)', ... */
  reason: string;
}

/**
 * Whether the From domain really sent this mail: DMARC when the domain publishes a policy;
 * otherwise a passing DKIM signature or SPF result aligned with the From domain. The client IP
 * and HELO come from the topmost Received header, which the mailbox's own MX wrote.
 */
export async function checkAuthenticity(raw: Buffer, fromAddress: string, resolver?: DnsResolver): Promise<Authenticity> {
  const fromDomain = fromAddress.split('@')[1]?.toLowerCase() ?? '';
  const result = await authenticate(raw, {
    trustReceived: true,
    resolver,
    disableArc: true,
    disableBimi: true,
  });
  const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
  if (dmarc === 'pass') return { authentic: true, reason: `dmarc pass (${fromDomain})` };
  if (dmarc !== 'none') return { authentic: false, reason: `dmarc ${dmarc} (${fromDomain})` };

  const dkim = result.dkim.results.find((r) => r.status.result === 'pass' && aligned(r.signingDomain, fromDomain));
  if (dkim) return { authentic: true, reason: `dkim pass (${dkim.signingDomain}), no dmarc policy` };
  const spf = result.spf;
  if (spf && spf.status.result === 'pass' && aligned(spf.domain, fromDomain))
    return { authentic: true, reason: `spf pass (${spf.domain}), no dmarc policy` };
  const dkimResults = result.dkim.results.map((r) => `${r.signingDomain || '?'} ${r.status.result}`).join(', ') || 'none';
  return { authentic: false, reason: `no dmarc policy; dkim: ${dkimResults}; spf: ${spf ? spf.status.result : 'none'}` };
}

/** Relaxed alignment: the same domain, or one a subdomain of the other's organisational domain. */
function aligned(domain: string, fromDomain: string): boolean {
  const d = domain.toLowerCase();
  return d === fromDomain || fromDomain.endsWith(`.${d}`) || d.endsWith(`.${fromDomain}`);
}
