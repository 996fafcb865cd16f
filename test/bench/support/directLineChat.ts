import WebSocket from 'ws';

interface StreamActivity {
  id?: string;
  type?: string;
  replyToId?: string;
  from?: { role?: string };
}

/**
 * One web chat as a page holds it: a token, the started conversation and its WebSocket stream,
 * over real HTTP and WebSocket. `clientAddress` goes out as X-Forwarded-For, so a service that
 * trusts loopback as its proxy counts each chat as its own customer (the per-client limits).
 */
export class DirectLineChat {
  /** When each bot reply arrived (performance.now()), by the id of the activity it answers. */
  private readonly answered = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();

  private constructor(
    private readonly baseUrl: string,
    private readonly conversationId: string,
    private readonly headers: Record<string, string>,
    readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      const text = String(data);
      if (!text) return; // keep-alive
      const now = performance.now();
      for (const activity of (JSON.parse(text) as { activities: StreamActivity[] }).activities) {
        if (activity.from?.role !== 'bot' || activity.type !== 'message' || !activity.replyToId) continue;
        if (this.answered.has(activity.replyToId)) continue; // the first reply is the answer's arrival
        this.answered.set(activity.replyToId, now);
        this.waiting.get(activity.replyToId)?.();
      }
    });
  }

  static async open(baseUrl: string, clientAddress: string): Promise<DirectLineChat> {
    const forwarded = { 'x-forwarded-for': clientAddress };
    const generated = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST', headers: forwarded });
    if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}: ${await generated.text()}`);
    const { token, conversationId } = (await generated.json()) as { token: string; conversationId: string };
    const headers = { ...forwarded, authorization: `Bearer ${token}` };
    const started = await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers });
    if (started.status >= 300) throw new Error(`POST conversations answered ${started.status}: ${await started.text()}`);
    const { streamUrl } = (await started.json()) as { streamUrl: string };
    const socket = new WebSocket(streamUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`the stream answered ${res.statusCode}`)));
    });
    socket.on('error', () => undefined); // a broken stream shows as timed-out answers
    return new DirectLineChat(baseUrl, conversationId, headers, socket);
  }

  /**
   * Posts a question and resolves with the ms from the POST to the bot's first reply to it on
   * the stream (which may come before the POST's own answer). Rejects on a refused POST or when
   * no reply came within `timeoutMs` (the error's message then starts with "timeout").
   */
  async ask(text: string, timeoutMs: number): Promise<number> {
    const t0 = performance.now();
    const posted = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'bench' }, locale: 'pl-PL' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (posted.status !== 200) throw new Error(`POST activities answered ${posted.status}: ${(await posted.text()).slice(0, 200)}`);
    const { id } = (await posted.json()) as { id: string };
    const arrived = this.answered.get(id);
    if (arrived !== undefined) return this.take(id, arrived - t0);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.waiting.delete(id);
          reject(new Error(`timeout: no reply within ${timeoutMs} ms`));
        },
        Math.max(0, timeoutMs - (performance.now() - t0)),
      );
      this.waiting.set(id, () => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(this.take(id, this.answered.get(id)! - t0));
      });
    });
  }

  private take(id: string, ms: number): number {
    this.answered.delete(id);
    return ms;
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
