import type { CodeSender } from './codeSender';
import { codeText } from './codeText';

export interface WebhookOptions {
  url: string;
  /** Sent as `Authorization: Bearer <token>` when the SMS gateway wants one. */
  token?: string;
  timeoutMs: number;
}

/** Codes by SMS through an HTTP gateway: POST JSON {to, text}; anything but 2xx is a failure. */
export function createWebhookSender(options: WebhookOptions): CodeSender {
  return {
    async send(to, message) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({ to: to.address, text: codeText(message).sms }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // Drain the body so the connection is released; its content is not needed.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`SMS webhook answered HTTP ${response.status}`);
    },
  };
}
