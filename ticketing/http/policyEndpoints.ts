import { HttpError } from '../../common/http';
import type { SlaPolicyDocument } from '../domain/slaPolicy';
import type { SlaPolicies } from '../service/slaPolicies';
import { endpoint, type Endpoint } from './endpoint';
import { slaPolicySchema } from './schemas';
import type { Role } from './tokens';

const OPERATORS: readonly Role[] = ['operator'];

/**
 * SLA policy versions, for the operator (docs/sla.md, "Policies"): list them, check a new one
 * without storing it, and store it as the version new tickets take. A stored version never
 * changes, and open tickets keep theirs.
 */
export function policyEndpoints(policies: SlaPolicies): Endpoint[] {
  return [
    endpoint({
      method: 'GET',
      path: '/api/sla/policies',
      summary: 'The SLA policy versions, newest first; the first is the one new tickets take',
      roles: OPERATORS,
      responds: [{ status: 200, schema: 'SlaPolicyList', description: 'the versions' }],
      async handle() {
        const current = await policies.current();
        return { body: { current: current.version, items: await policies.list() } };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/sla/policies/:version',
      summary: 'One SLA policy version, its public holidays expanded into dates',
      roles: OPERATORS,
      responds: [{ status: 200, schema: 'SlaPolicy', description: 'the version' }],
      errors: [404],
      async handle({ params }) {
        const version = Number(params.version);
        const latest = (await policies.current()).version;
        if (!Number.isInteger(version) || version < 1 || version > latest)
          throw new HttpError(404, 'not_found', `SLA policy version ${params.version} does not exist (versions 1 to ${latest})`);
        return { body: await policies.version(version) };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/sla/policies/validate',
      summary: 'Check an SLA policy without storing it; answers it with its holidays expanded',
      roles: OPERATORS,
      body: slaPolicySchema,
      responds: [{ status: 200, schema: 'SlaPolicyDocument', description: 'the policy is valid; as it would be stored' }],
      async handle({ body }) {
        return { body: policies.prepare(body as SlaPolicyDocument) };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/sla/policies',
      summary: 'Store a new SLA policy version; tickets opened from now on take it, open tickets keep theirs',
      roles: OPERATORS,
      body: slaPolicySchema,
      responds: [{ status: 201, schema: 'SlaPolicy', description: 'the stored version' }],
      async handle({ body, principal }) {
        return { status: 201, body: await policies.add(body as SlaPolicyDocument, `${principal.role}:${principal.id}`) };
      },
    }),
  ];
}
