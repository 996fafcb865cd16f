import { HttpError } from '../../common/http';
import type { Administrator, Organisation } from '../domain/types';
import type { OrganisationStore } from '../store/organisationStore';
import { endpoint, type Endpoint } from './endpoint';
import { administratorSchema, administratorUpdateSchema, organisationSchema, organisationUpdateSchema, pageQuerySchema } from './schemas';
import type { Role } from './tokens';

const OPERATORS: readonly Role[] = ['operator'];

/**
 * Organisations and their administrators, for the operator. Each write replaces the whole
 * organisation record in one script, so an administrator is never half added.
 */
export function organisationEndpoints(organisations: OrganisationStore): Endpoint[] {
  const existing = async (id: string): Promise<Organisation> => {
    const org = await organisations.get(id);
    if (!org) throw new HttpError(404, 'not_found', `organisation ${id} does not exist`);
    return org;
  };
  const adminOf = (org: Organisation, adminId: string): Administrator => {
    const admin = org.administrators.find((a) => a.id === adminId);
    if (!admin) throw new HttpError(404, 'not_found', `organisation ${org.id} has no administrator ${adminId}`);
    return admin;
  };
  const sameId = (field: string, inBody: string | undefined, inPath: string) => {
    if (inBody !== undefined && inBody !== inPath)
      throw new HttpError(400, 'invalid_body', `${field}: "${inBody}" does not match the path's "${inPath}"`);
  };

  return [
    endpoint({
      method: 'GET',
      path: '/api/organisations',
      summary: 'The organisations by name, a page at a time (limit, offset), with how many there are',
      roles: OPERATORS,
      query: pageQuerySchema,
      responds: [{ status: 200, schema: 'OrganisationList', description: 'a page of the organisations' }],
      async handle({ query }) {
        const { items, total } = await organisations.page(query.offset, query.limit);
        return { body: { items, total, limit: query.limit, offset: query.offset } };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/organisations',
      summary: 'Register an organisation',
      roles: OPERATORS,
      body: organisationSchema,
      responds: [{ status: 201, schema: 'Organisation', description: 'the organisation' }],
      errors: [409],
      async handle({ body }) {
        if (await organisations.get(body.id))
          throw new HttpError(
            409,
            'organisation_exists',
            `organisation ${body.id} already exists: PUT /api/organisations/${body.id} replaces it`,
          );
        await organisations.upsert(body);
        return { status: 201, body };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/organisations/:id',
      summary: 'One organisation with its administrators',
      roles: OPERATORS,
      responds: [{ status: 200, schema: 'Organisation', description: 'the organisation' }],
      errors: [404],
      async handle({ params }) {
        return { body: await existing(params.id) };
      },
    }),
    endpoint({
      method: 'PUT',
      path: '/api/organisations/:id',
      summary: 'Create or replace an organisation',
      roles: OPERATORS,
      body: organisationUpdateSchema,
      responds: [
        { status: 200, schema: 'Organisation', description: 'the organisation, replaced' },
        { status: 201, schema: 'Organisation', description: 'the organisation, created' },
      ],
      errors: [409],
      async handle({ params, body }) {
        sameId('id', body.id, params.id);
        const org: Organisation = { ...body, id: params.id };
        const { created } = await organisations.upsert(org);
        return { status: created ? 201 : 200, body: org };
      },
    }),
    endpoint({
      method: 'DELETE',
      path: '/api/organisations/:id',
      summary: 'Delete an organisation (its tickets stay)',
      roles: OPERATORS,
      responds: [{ status: 204, description: 'deleted' }],
      errors: [404],
      async handle({ params }) {
        if (!(await organisations.delete(params.id))) throw new HttpError(404, 'not_found', `organisation ${params.id} does not exist`);
        return { status: 204 };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/organisations/:id/administrators',
      summary: "An organisation's administrators",
      roles: OPERATORS,
      responds: [{ status: 200, schema: 'AdministratorList', description: 'the administrators' }],
      errors: [404],
      async handle({ params }) {
        return { body: { items: (await existing(params.id)).administrators } };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/organisations/:id/administrators',
      summary: 'Add an administrator',
      roles: OPERATORS,
      body: administratorSchema,
      responds: [{ status: 201, schema: 'Administrator', description: 'the administrator' }],
      errors: [404, 409],
      async handle({ params, body }) {
        const org = await existing(params.id);
        if (org.administrators.some((a) => a.id === body.id)) {
          throw new HttpError(409, 'administrator_exists', `organisation ${org.id} already has an administrator ${body.id}`);
        }
        await organisations.upsert({ ...org, administrators: [...org.administrators, body] });
        return { status: 201, body };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/organisations/:id/administrators/:adminId',
      summary: 'One administrator',
      roles: OPERATORS,
      responds: [{ status: 200, schema: 'Administrator', description: 'the administrator' }],
      errors: [404],
      async handle({ params }) {
        return { body: adminOf(await existing(params.id), params.adminId) };
      },
    }),
    endpoint({
      method: 'PUT',
      path: '/api/organisations/:id/administrators/:adminId',
      summary: 'Create or replace an administrator',
      roles: OPERATORS,
      body: administratorUpdateSchema,
      responds: [
        { status: 200, schema: 'Administrator', description: 'the administrator, replaced' },
        { status: 201, schema: 'Administrator', description: 'the administrator, added' },
      ],
      errors: [404],
      async handle({ params, body }) {
        sameId('id', body.id, params.adminId);
        const org = await existing(params.id);
        const admin: Administrator = { ...body, id: params.adminId };
        const others = org.administrators.filter((a) => a.id !== admin.id);
        const created = others.length === org.administrators.length;
        await organisations.upsert({
          ...org,
          administrators: created ? [...others, admin] : org.administrators.map((a) => (a.id === admin.id ? admin : a)),
        });
        return { status: created ? 201 : 200, body: admin };
      },
    }),
    endpoint({
      method: 'DELETE',
      path: '/api/organisations/:id/administrators/:adminId',
      summary: 'Remove an administrator (their tickets stay)',
      roles: OPERATORS,
      responds: [{ status: 204, description: 'removed' }],
      errors: [404],
      async handle({ params }) {
        const org = await existing(params.id);
        adminOf(org, params.adminId);
        await organisations.upsert({ ...org, administrators: org.administrators.filter((a) => a.id !== params.adminId) });
        return { status: 204 };
      },
    }),
  ];
}
