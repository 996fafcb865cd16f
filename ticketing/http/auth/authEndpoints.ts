import type { z } from 'zod';
import { HttpError } from '../../../common/http';
import { ID_PATTERN } from '../../domain/types';
import { endpoint, type Endpoint } from '../endpoint';
import { pageQuerySchema } from '../schemas';
import type { Role } from '../tokens';
import type { AccessGate } from './accessGate';

const OVERSEERS: readonly Role[] = ['supervisor', 'operator'];

/**
 * Security for supervisors and operators: revoke a person's sessions and API tokens (refused at
 * once on every instance), and read the audit log of sign-ins, refusals and changes.
 */
export function authEndpoints(gate: AccessGate): Endpoint[] {
  return [
    endpoint<undefined, undefined, '/api/auth/people/:id/revoke'>({
      method: 'POST',
      path: '/api/auth/people/:id/revoke',
      summary:
        'End every session of a person and revoke their API tokens, on every instance at once (they may sign in again; a revoked token stays refused)',
      roles: OVERSEERS,
      responds: [{ status: 200, schema: 'Revocation', description: 'how many live sessions ended and how many tokens were revoked' }],
      errors: [400],
      async handle({ params }) {
        if (!ID_PATTERN.test(params.id)) throw new HttpError(400, 'invalid_request', 'id: 1-100 letters, digits, ".", "_" or "-"');
        return { body: { person: params.id, ...(await gate.revoke(params.id)) } };
      },
    }),
    endpoint<undefined, z.output<typeof pageQuerySchema>>({
      method: 'GET',
      path: '/api/audit',
      summary:
        'The audit log, newest first: sign-ins and sign-outs, refused credentials and CSRF tokens, revocations, and every change made through the API (who, what, when, the status)',
      roles: OVERSEERS,
      query: pageQuerySchema,
      responds: [{ status: 200, schema: 'AuditPage', description: 'a page of entries and whether older ones follow' }],
      async handle({ query }) {
        return { body: { ...(await gate.auditPage(query.offset, query.limit)), offset: query.offset, limit: query.limit } };
      },
    }),
  ];
}
