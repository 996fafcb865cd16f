import type { Logger } from '../../common/logger';
import { EscalationEvent, EscalationNotifier, escalationSummary } from './escalationNotifier';

export interface WebhookNotifierOptions {
  url: string;
  timeoutMs?: number; // default 5000
  logger: Logger;
}

/**
 * POSTs each event as JSON (escalationSummary plus `at`) to a configured URL, for chat-ops
 * tools or an on-call pager. A slow, failing or unreachable endpoint is logged, never thrown.
 */
export class WebhookNotifier implements EscalationNotifier {
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly logger: Logger;

  constructor(options: WebhookNotifierOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new Error(`escalation webhook URL is not a valid URL: ${options.url}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`escalation webhook URL must be http or https, got ${parsed.protocol}`);
    }
    this.url = parsed.toString();
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.logger = options.logger;
  }

  async notify(event: EscalationEvent): Promise<void> {
    const body = JSON.stringify({ ...escalationSummary(event), at: new Date().toISOString() });
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Drain the body so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        this.logger.error(
          { status: response.status, ticketId: event.ticket.id, kind: event.kind },
          'escalation webhook answered with an error',
        );
      }
    } catch (err) {
      this.logger.error({ reason: this.describe(err), ticketId: event.ticket.id, kind: event.kind }, 'escalation webhook failed');
    }
  }

  private describe(err: unknown): string {
    const { name, message, cause } = (err ?? {}) as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (name === 'TimeoutError') return `no answer within ${this.timeoutMs} ms`;
    // fetch reports network failures as "fetch failed" with the real reason in `cause`.
    return [message ?? String(err), cause?.code ?? cause?.message].filter(Boolean).join(': ');
  }
}
