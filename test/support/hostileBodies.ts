import fc from 'fast-check';

/** A request body as raw bytes with the Content-Type it claims to be. */
export interface HostileRequest {
  contentType: string | null;
  body: string | Buffer;
  /** What kind of hostility this is, for the failure message. */
  kind: string;
}

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
};

/** Keys that pollute Object.prototype when a parser or merge treats them as accessors. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const loneSurrogates = fc.constantFrom('\uD800', '\uDFFF', 'a\uD83D', '\uDE00b', '\uDBFF\uDBFF');
const unicodeText = fc.oneof(
  fc.fullUnicodeString({ maxLength: 40 }),
  loneSurrogates,
  fc.constantFrom('\u0000', '\u202E\u0041', 'Zażółć gęślą jaźń', '\uFEFF', '𝕏'.repeat(50), 'a\u0301\u0301\u0301', '\r\n\t'),
);
/** Around the 64 KB body limit: some fit, some do not (Polish letters are two bytes each). */
const hugeText = fc.tuple(fc.integer({ min: 20_000, max: 40_000 }), fc.constantFrom('x', 'ż', '\u00a0')).map(([n, ch]) => ch.repeat(n));
const wrongTyped: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e308, -0, '', [], {}, [[]], '1', 'true', 'null'),
  unicodeText,
);

/** The schema's fields, or `text` for a body that declares none (an empty body, say). */
function fieldNames(schema: JsonSchema | undefined): string[] {
  const names = Object.keys(schema?.properties ?? {});
  return names.length > 0 ? names : ['text'];
}

/** A value that fits the schema (so that the request reaches further validation or the handler). */
function conforming(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return fc.jsonValue({ maxDepth: 2 });
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) }),
        fc.constantFrom('contoso', 'anna.kowalska@contoso.pl', '+48 600 100 200', 'Europe/Warsaw', '2026-03-10'),
      );
    case 'integer':
      return fc.integer({ min: -5, max: 300 });
    case 'number':
      return fc.double({ noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(conforming(schema.items, depth + 1), { maxLength: 3 });
    case 'object':
      return objectOf(schema, depth, (s) => conforming(s, depth + 1));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Each field either fits or is hostile: wrong type, odd unicode, prototype keys, missing. */
function hostileValue(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: conforming(schema, depth) },
    { weight: 2, arbitrary: wrongTyped },
    { weight: 1, arbitrary: unicodeText },
    { weight: 1, arbitrary: pollutingObject() },
  );
}

function objectOf(
  schema: JsonSchema,
  depth: number,
  field: (s: JsonSchema) => fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
  const required = depth === 0 ? names.filter((n) => schema.required?.includes(n)) : [];
  const record = fc.record(Object.fromEntries(Object.entries(properties).map(([n, s]) => [n, field(s)])), { requiredKeys: required });
  // One time in five a field the schema requires is left out as well.
  return fc.tuple(record, fc.option(fc.constantFrom(...names), { freq: 4 })).map(([body, dropped]) => {
    if (dropped !== null) delete body[dropped];
    return body;
  });
}

/** `{"__proto__": {...}}` and friends, as own keys (JSON.parse makes them own properties). */
function pollutingObject(): fc.Arbitrary<unknown> {
  return fc.constantFrom(...PROTOTYPE_KEYS).map((key) => JSON.parse(`{"${key}": {"polluted": "yes", "prototype": {"polluted": "yes"}}}`));
}

function pollutingText(inner: string): fc.Arbitrary<string> {
  return fc
    .constantFrom(...PROTOTYPE_KEYS)
    .map((key) => `{"${key}": {"polluted": "yes", "prototype": {"polluted": "yes"}, "isAdmin": true}, ${inner.slice(1)}`);
}

const json = (value: unknown) => JSON.stringify(value) ?? 'null';

/**
 * Hostile requests for a JSON endpoint whose body has `schema` (when known): schema-shaped bodies
 * with wrong or odd fields, random JSON, prototype-pollution keys, huge strings around the
 * 64 KB limit, deep nesting, malformed JSON and wrong content types.
 */
export function hostileRequests(schema: JsonSchema | undefined): fc.Arbitrary<HostileRequest> {
  const shaped =
    schema?.type === 'object'
      ? objectOf(schema, 0, (s) => hostileValue(s, 1))
      : fc.dictionary(fc.string({ maxLength: 10 }), wrongTyped, { maxKeys: 4 });
  const asJson =
    (kind: string) =>
    (body: string): HostileRequest => ({ contentType: 'application/json', body, kind });
  return fc.oneof(
    { weight: 6, arbitrary: shaped.map(json).map(asJson('schema-shaped')) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json).map(asJson('random json')) },
    { weight: 2, arbitrary: shaped.map(json).chain(pollutingText).map(asJson('prototype keys')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(shaped, fc.constantFrom(...fieldNames(schema)), hugeText)
        .map(([body, field, huge]) => json({ ...body, [field]: huge }))
        .map(asJson('huge string')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('[', '{"a":'))
        .map(([depth, open]) => open.repeat(depth) + (open === '[' ? ']' : '1}').repeat(depth))
        .map(asJson('deep nesting')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(shaped, fc.integer({ min: 1, max: 30_000 }), fc.constantFrom(...fieldNames(schema), 'value', 'channelData'))
        .map(
          ([body, depth, field]) =>
            `${json({ ...body, [field]: null }).slice(0, -1)}, "${field}": ${'['.repeat(depth)}${']'.repeat(depth)}}`,
        )
        .map(asJson('deep field')),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.string({ maxLength: 60 }),
          shaped.map(json).chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))),
          fc.constantFrom('', '{', '{"a":}', 'nul', '[1,]', '{"a":1}}', "{'a':1}", 'NaN', '\uFEFF{}'),
        )
        .map(asJson('malformed json')),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          shaped.map(json),
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=xyz',
            'application/xml',
            'application/octet-stream',
            'application/json; charset=latin1',
            null,
          ),
        )
        .map(([body, contentType]) => ({ contentType, body, kind: 'wrong content type' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          shaped.map(json),
          fc.constantFrom([0xed, 0xa0, 0x80], [0xff, 0xfe], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0x00], [0xe2, 0x82]),
        )
        .map(([text, bytes]) => ({
          contentType: 'application/json',
          body: Buffer.concat([
            Buffer.from(`${text.length > 2 ? `${text.slice(0, -1)},` : '{'} "raw": "`),
            Buffer.from(bytes),
            Buffer.from('"}'),
          ]),
          kind: 'invalid utf-8',
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.dictionary(
            fc.constantFrom('a', 'text', '__proto__[polluted]', 'constructor[prototype][polluted]', 'type'),
            fc.string({ maxLength: 10 }),
          ),
          fc.constant(''),
        )
        .map(([fields]) => ({
          contentType: 'application/x-www-form-urlencoded',
          body: new URLSearchParams(fields).toString(),
          kind: 'form with prototype keys',
        })),
    },
  );
}
