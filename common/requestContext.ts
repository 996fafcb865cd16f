import { AsyncLocalStorage } from 'async_hooks';

/**
 * The request a piece of work belongs to, carried across awaits without passing it down: the
 * bot turn, the ticket it opens and the PIN it sends all log the id of the HTTP request that
 * started them (see createLogger's mixin and the server's request-id hook).
 */
const context = new AsyncLocalStorage<{ reqId: string }>();

export function runWithRequestId<T>(reqId: string, work: () => T): T {
  return context.run({ reqId }, work);
}

/** The id of the request whose work is running now, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.reqId;
}
