import { DomainError, type ConflictCode } from '../domain/types';

/**
 * Errors of the store and service, as DomainErrors so callers map one type by its code:
 * `not_found` -> 404, every ConflictCode -> 409.
 */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} does not exist`);
    this.name = 'NotFoundError';
  }
}

/** A clash with the current state (409), e.g. `idempotency_key_reused`, `concurrent_update`, `tenant_taken`. */
export class ConflictError extends DomainError {
  constructor(code: ConflictCode, message: string) {
    super(code, message);
    this.name = 'ConflictError';
  }
}
