import { request } from 'http';

/** A JSON answer the hostile tests inspect. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON the test inspects
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  forwardedFor?: string;
}

/** One HTTP call to `baseUrl` from a chosen loopback address (127.0.0.x), so the service sees distinct clients. */
export function callFrom(baseUrl: string, localAddress: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(baseUrl + path);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        localAddress,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The rate limits count per wall-clock minute: start a burst well inside one, so it is not split across two. */
export async function withinOneMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((r) => setTimeout(r, left + 50));
}
