import { AsyncLocalStorage } from 'async_hooks';

/** The request a piece of work belongs to, and what its work adds to the request's one log line. */
export interface RequestScope {
  reqId: string;
  /** Written into the request's access line (a bot turn adds its channel and conversation). */
  logFields: Record<string, unknown>;
  /** Set once the access line is written: later fields need a line of their own. */
  logged: boolean;
}

/**
 * The request a piece of work belongs to, carried across awaits without passing it down: the
 * bot turn, the ticket it opens and the PIN it sends all log the id of the HTTP request that
 * started them (see createLogger's mixin and the server's request-id hook).
 */
const context = new AsyncLocalStorage<RequestScope>();

export function runWithRequestId<T>(reqId: string, work: () => T): T {
  return runInRequest({ reqId, logFields: {}, logged: false }, work);
}

/** Runs `work` as part of the request `scope` (the server keeps the scope to write its access line). */
export function runInRequest<T>(scope: RequestScope, work: () => T): T {
  return context.run(scope, work);
}

/** The id of the request whose work is running now, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.reqId;
}

/**
 * Adds fields to the running request's access line, so that its work needs no line of its own;
 * false when no request's line is still to be written (the caller logs its own).
 */
export function addToRequestLog(fields: Record<string, unknown>): boolean {
  const scope = context.getStore();
  if (!scope || scope.logged) return false;
  Object.assign(scope.logFields, fields);
  return true;
}
