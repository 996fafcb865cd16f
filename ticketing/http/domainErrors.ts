import { HttpError } from '../../common/http';
import { DomainError } from '../domain/types';
import { ConflictError, NotFoundError } from '../store/errors';

/** Rules a well-formed request can still break: refused, with the rule in the message. */
const UNPROCESSABLE = new Set(['severity_not_allowed', 'not_administrator', 'reason_required', 'invalid_grade_change']);
/** Requests that clash with the ticket's current state. */
const CONFLICTS = new Set(['illegal_transition', 'ticket_closed', 'ticket_not_open', 'clock_paused']);

/**
 * The HTTP answer to a domain or store error: unknown id 404, a clash with the current state 409,
 * a refused rule 422, malformed data 400. The code and message go to the caller unchanged.
 */
export function httpErrorOf(err: DomainError): HttpError {
  return new HttpError(statusOf(err), err.code, err.message);
}

function statusOf(err: DomainError): number {
  if (err instanceof NotFoundError || err.code === 'not_found') return 404;
  if (UNPROCESSABLE.has(err.code)) return 422;
  if (err.code.startsWith('invalid_')) return 400;
  if (err instanceof ConflictError || CONFLICTS.has(err.code)) return 409;
  return 422; // any other rule the domain names
}
