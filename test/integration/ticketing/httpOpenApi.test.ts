import { startTicketingApi, ticketBody, type TicketingApi } from '../../support/ticketingApiServer';

type Operation = {
  summary: string;
  responses: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  enum?: string[];
  [k: string]: unknown;
};

describe('GET /api/openapi.json', () => {
  let api: TicketingApi;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    api = await startTicketingApi('http-openapi');
    doc = (await api.call('GET', '/api/openapi.json')).body;
  });
  afterAll(() => api.close());

  /** Every API route the server answers, as "method /path/{param}". */
  const registered = () =>
    Object.values(api.server.router.getRoutes() as unknown as Record<string, { method: string; path: string }>)
      .filter((r) => String(r.path).startsWith('/api/') && r.path !== '/api/openapi.json')
      .map((r) => `${r.method.toLowerCase()} ${String(r.path).replace(/:(\w+)/g, '{$1}')}`)
      .sort();
  const documented = () =>
    Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .sort();

  it('is an OpenAPI 3 document describing exactly the routes the server registered', () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(registered().length).toBeGreaterThanOrEqual(24);
    expect(documented()).toEqual(registered());
  });

  it('resolves every schema reference', () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    const missing = refs.map((r) => r.slice(22, -1)).filter((name) => !doc.components.schemas[name]);
    expect(missing).toEqual([]);
  });

  it('documents authentication, path parameters and the errors of each operation', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect([method, path, Object.keys(op.responses)]).toEqual([method, path, expect.arrayContaining(['401', '403'])]);
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(op.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? []).toEqual(params);
      }
    }
  });

  it('describes the create-ticket body from the same schema the route validates with', async () => {
    const op = doc.paths['/api/tickets']!.post!;
    const schema = op.requestBody!.content['application/json']!.schema;
    expect(schema.required).toEqual(expect.arrayContaining(['orgId', 'adminId', 'category', 'grade', 'title', 'description', 'contact']));
    expect(schema.properties!.grade!.enum).toEqual(['A', 'B', 'C']);
    expect(schema.properties!.title).toMatchObject({ type: 'string', maxLength: 200 });
    expect(op.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true })]),
    );
    // Every documented required field is really required by the route.
    for (const field of schema.required!) {
      const body: Record<string, unknown> = ticketBody();
      delete body[field];
      const res = await api.call('POST', '/api/tickets', { as: 'system', body, headers: { 'idempotency-key': `openapi-${field}` } });
      expect([field, res.status, res.body.message]).toEqual([field, 400, expect.stringContaining(`${field}: Required`)]);
    }
  });

  it('lists the list filters as query parameters', () => {
    const names = doc.paths['/api/tickets']!.get!.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
    expect(names.sort()).toEqual(['breached', 'category', 'grade', 'limit', 'offset', 'orgId', 'status']);
  });
});
