import { HttpError } from '../../common/http';
import type { DomainError, DomainErrorCode } from '../domain/types';

/**
 * The HTTP status of every domain code: unknown id 404, malformed data 400, a clash with the
 * current state 409, a well-formed request a rule refuses 422, one only another role may make
 * 403, a request the store cannot answer yet 503. A code missing here does not compile.
 */
const STATUS: Record<DomainErrorCode, number> = {
  not_found: 404,

  invalid_request: 400,
  invalid_idempotency_key: 400,
  invalid_agent: 400,
  invalid_limit: 400,
  invalid_category: 400,
  invalid_organisation: 400,
  invalid_grade: 400,
  invalid_ticket: 400,
  invalid_message: 400,
  invalid_ticket_id: 400,
  invalid_calendar: 400,
  invalid_time_zone: 400,
  invalid_duration: 400,
  invalid_date: 400,
  invalid_sla_policy: 400,
  invalid_rating: 400,
  list_too_deep: 400,

  illegal_transition: 409,
  ticket_closed: 409,
  ticket_archived: 409,
  ticket_not_open: 409,
  clock_paused: 409,
  ticket_not_resolved: 409,
  already_rated: 409,
  open_ticket_limit: 409,
  idempotency_key_reused: 409,
  concurrent_update: 409,
  tenant_taken: 409,
  name_taken: 409,

  severity_not_allowed: 422,
  not_administrator: 422,
  author_not_administrator: 422,
  reason_required: 422,
  invalid_grade_change: 422,
  question_required: 422,
  lowering_refused: 422,
  skill_missing: 422,

  supervisor_required: 403,

  lists_preparing: 503,
  search_preparing: 503,
};

/** The HTTP answer to a domain or store error; the code and message go to the caller unchanged. */
export function httpErrorOf(err: DomainError): HttpError {
  return new HttpError(STATUS[err.code], err.code, err.message);
}
