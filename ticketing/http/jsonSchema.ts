import type { ZodTypeAny } from 'zod';

/** A JSON Schema (the OpenAPI 3.0 dialect) as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * Describes a zod schema as JSON Schema for the OpenAPI document. It covers the zod kinds the
 * API's schemas use; any other kind is an error at start-up, so a new schema cannot silently go
 * undocumented.
 */
export function jsonSchemaOf(schema: ZodTypeAny): JsonSchema {
  const def = schema._def as ZodDef;
  switch (def.typeName) {
    case 'ZodString':
      return withChecks({ type: 'string' }, def.checks, { min: 'minLength', max: 'maxLength' });
    case 'ZodNumber':
      return withChecks({ type: def.checks?.some((c) => c.kind === 'int') ? 'integer' : 'number' }, def.checks, {
        min: 'minimum',
        max: 'maximum',
      });
    case 'ZodBoolean':
      return { type: 'boolean' };
    case 'ZodEnum':
      return { type: 'string', enum: def.values };
    case 'ZodLiteral':
      return { enum: [def.value] };
    case 'ZodArray': {
      const out: JsonSchema = { type: 'array', items: jsonSchemaOf(def.type as ZodTypeAny) };
      if (def.minLength) out.minItems = def.minLength.value;
      if (def.maxLength) out.maxItems = def.maxLength.value;
      return out;
    }
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, ZodTypeAny>)();
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [name, field] of Object.entries(shape)) {
        properties[name] = jsonSchemaOf(field);
        if (!field.isOptional() && (field._def as ZodDef).typeName !== 'ZodDefault') required.push(name);
      }
      const out: JsonSchema = { type: 'object', properties };
      if (required.length) out.required = required;
      if (def.unknownKeys === 'strict') out.additionalProperties = false;
      return out;
    }
    case 'ZodUnion':
      return { oneOf: (def.options as ZodTypeAny[]).map(jsonSchemaOf) };
    case 'ZodRecord':
      return { type: 'object', additionalProperties: true };
    case 'ZodUnknown':
    case 'ZodAny':
      return {};
    case 'ZodOptional':
      return jsonSchemaOf(def.innerType as ZodTypeAny);
    case 'ZodNullable':
      return { ...jsonSchemaOf(def.innerType as ZodTypeAny), nullable: true };
    case 'ZodDefault':
      return { ...jsonSchemaOf(def.innerType as ZodTypeAny), default: (def.defaultValue as () => unknown)() };
    case 'ZodEffects': // refinements and transforms: the input is described by the inner schema
      return jsonSchemaOf(def.schema as ZodTypeAny);
    default:
      throw new Error(`jsonSchemaOf: zod kind ${def.typeName} is not supported; add it here`);
  }
}

interface ZodCheck {
  kind: string;
  value?: number;
  regex?: RegExp;
}

interface ZodDef {
  typeName: string;
  checks?: ZodCheck[];
  values?: string[];
  value?: unknown;
  minLength?: { value: number } | null;
  maxLength?: { value: number } | null;
  [key: string]: unknown;
}

function withChecks(out: JsonSchema, checks: ZodCheck[] | undefined, names: { min: string; max: string }): JsonSchema {
  for (const check of checks ?? []) {
    if (check.kind === 'min') out[names.min] = check.value;
    else if (check.kind === 'max') out[names.max] = check.value;
    else if (check.kind === 'regex' && check.regex) out.pattern = check.regex.source;
  }
  return out;
}
