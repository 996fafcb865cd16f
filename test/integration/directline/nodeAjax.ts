import { Observable } from 'rxjs/Observable';

interface AjaxRequest {
  method?: string;
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeout?: number;
}

/**
 * directlinejs makes its HTTP calls through rxjs' ajax, which needs a browser's XMLHttpRequest.
 * In Node the same calls go through fetch: a response or an error shaped as directlinejs reads
 * them (`response`, `status`, `xhr.getResponseHeader`).
 */
export function fetchAjax(request: AjaxRequest): Observable<{ response: unknown; status: number }> {
  return new Observable((subscriber) => {
    const controller = new AbortController();
    const timer = request.timeout ? setTimeout(() => controller.abort(), request.timeout) : undefined;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    fetch(request.url ?? '', { method: request.method ?? 'GET', headers: request.headers, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        const response = text ? JSON.parse(text) : null;
        if (res.ok) {
          subscriber.next({ response, status: res.status });
          subscriber.complete();
        } else {
          subscriber.error({ status: res.status, response, xhr: { getResponseHeader: (name: string) => res.headers.get(name) } });
        }
      })
      .catch((err) => subscriber.error({ status: 0, message: String(err), xhr: { getResponseHeader: () => null } }))
      .finally(() => clearTimeout(timer));
    return () => controller.abort();
  });
}
