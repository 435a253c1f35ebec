/**
 * Valid examples and one-field mutations from the JSON schemas of an OpenAPI 3.0 document.
 * The example satisfies the schema (required and optional properties, enums, formats, patterns, lengths and bounds);
 * semantic rules the schema cannot express (a USCC checksum, a real town code) are laid over it by the caller.
 */
import type { Rng } from './random';

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  example?: unknown;
}

/** Strings that satisfy the patterns used in the API; a pattern with no candidate is an error, never skipped. */
const PATTERN_CANDIDATES = ['13800138000', '0'.repeat(64), 'pilot-enterprises.json', '00000000-0000-4000-8000-000000000000', '2026-03-31', 'ZSSZ-2026-00001', '91442000MA4UXXXX0X', 'abc', 'guzhen', '38', 'a'];

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  return s.type;
}

function fitLength(base: string, s: JsonSchema): string {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 12);
  let v = base;
  while (v.length < min) v += base;
  return v.slice(0, Math.max(min, Math.min(max, v.length)));
}

export function exampleOf(s: JsonSchema, rng: Rng, path = '(root)'): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return rng.pick(s.enum.filter((v) => v !== null));
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) {
    const usable = variants.filter((v) => typeOf(v) !== 'null');
    return exampleOf(rng.pick(usable.length ? usable : variants), rng, path);
  }
  if (s.allOf?.length) return exampleOf(Object.assign({}, ...s.allOf) as JsonSchema, rng, path);
  if (typeof s.example === 'string' || typeof s.example === 'number') return s.example;
  switch (typeOf(s)) {
    case 'string': {
      if (s.format === 'uuid') return rng.uuid();
      if (s.format === 'email') return `fuzz${rng.int(1, 1e9)}@example.com`;
      if (s.format === 'date') return '2026-03-31';
      if (s.format === 'date-time') return '2026-03-31T08:00:00.000Z';
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
        if (!hit) throw new Error(`no example string for pattern ${s.pattern} at ${path}: add a candidate`);
        return hit;
      }
      return fitLength('中山数字化a1', s);
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : min + 1000;
      return Math.min(max, Math.max(min, 1));
    }
    case 'boolean':
      return true;
    case 'array': {
      const n = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: n }, (_, i) => exampleOf(s.items ?? {}, rng, `${path}[${i}]`));
    }
    case 'object':
    default: {
      if (!s.properties) return typeOf(s) === 'object' || s.additionalProperties ? {} : 'x';
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties)) out[k] = exampleOf(v, rng, `${path}.${k}`);
      return out;
    }
  }
}

/** One way to break one value. `raw` is JSON text put in place of the value (for what JSON.stringify cannot write). */
export type Mutation =
  | { kind: 'set'; cls: string; value: unknown }
  | { kind: 'raw'; cls: string; raw: string }
  | { kind: 'delete'; cls: 'missing' };

export const EXTRA_KEYS = ['unexpectedField', '__proto__', 'constructor'] as const;

const STRING_CLASSES = ['taken', 'nul', 'surrogate', 'bad-percent-encoding', 'huge-string', 'nan-string', 'impossible-date', 'unicode', 'injection', 'empty', 'boundary', 'other-id', 'wrong-type', 'missing'];
const NUMBER_CLASSES = ['negative', 'huge-number', 'unrepresentable-number', 'fraction', 'nan-string', 'wrong-type', 'boundary', 'missing'];

/**
 * The classes whose every member is worth sending to a field of this schema (the others are all just the wrong
 * type for it: one member of each is enough).
 */
export function relevantClasses(s: JsonSchema): ReadonlySet<string> {
  const t = typeOf(s);
  if (s.enum) return new Set(['wrong-type', 'empty', 'boundary', 'missing']);
  if (t === 'string') return new Set(STRING_CLASSES);
  if (t === 'integer' || t === 'number') return new Set(NUMBER_CLASSES);
  if (t === 'object' || t === 'array' || !t) return new Set(['wrong-type', 'record-content', 'missing']);
  return new Set(['wrong-type', 'missing']);
}

/** The value classes every field is tried with; each class has several members, one or all are sent. */
export function valueClasses(s: JsonSchema, ids: readonly string[] = []): Array<{ cls: string; values: Mutation[] }> {
  const set = (cls: string, values: unknown[]) => ({ cls, values: values.map((value): Mutation => ({ kind: 'set', cls, value })) });
  const raw = (cls: string, values: string[]) => ({ cls, values: values.map((r): Mutation => ({ kind: 'raw', cls, raw: r })) });
  const over = (s.maxLength ?? 10_000) + 1;
  const maxNum = typeof s.maximum === 'number' ? s.maximum : 2 ** 31;
  const minNum = typeof s.minimum === 'number' ? s.minimum : -(2 ** 31);
  return [
    set('nul', ['a\u0000b', '\u0000', 'x'.repeat(20) + '\u0000']),
    set('surrogate', ['\ud800', 'ok\udfffok', '\udc00\ud800']),
    set('huge-string', ['x'.repeat(over), 'é'.repeat(Math.max(over, 100_000))]),
    set('negative', [-1, minNum - 1, -(2 ** 31) - 1, -(2 ** 53) - 2, -1e308]),
    set('huge-number', [maxNum + 1, 2 ** 31, 2 ** 53 + 2, 2 ** 63, 1e308]),
    raw('unrepresentable-number', ['1e400', '-1e400', '9223372036854775808', '-9007199254740993', '123456789012345678901234567890', '1.0e-400', '-0']),
    set('fraction', [0.5, 1e-7, minNum + 0.5]),
    set('nan-string', ['NaN', 'Infinity', '-Infinity', '1e309', '0x1F', ' 1 ', '-0', '1_000']),
    set('wrong-type', [[], {}, null, true, false, 0, 'str', [1, 2], { a: { b: { c: 1 } } }]),
    set('impossible-date', ['0000-00-00', '2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '1999-12-31', '2101-01-01', '+275760-09-13', '2026-1-1', '2026-03-31T25:00:00Z']),
    set('unicode', ['😀👨‍👩‍👧‍👦', '\u202eevil\u202c', 'e\u0301\u0301\u0301\u0301', '１２３４５６', '\u200b\u200b', '\ufeffbom', '𠮷野家', '中'.repeat(Math.min(s.maxLength ?? 8, 8))]),
    set('injection', ["' OR '1'='1' --", "'; drop table projects; --", '%_\\%', '<script>alert(1)</script>', '{{7*7}}${7*7}', '../../etc/passwd', 'Robert"); DELETE FROM users;--', '\\u0000']),
    set('empty', ['', '   ']),
    set('boundary', boundaryValues(s)),
    set('other-id', ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', ...ids]),
    { cls: 'missing', values: [{ kind: 'delete', cls: 'missing' }] },
  ];
}

/** Values at the edges of what the schema allows: valid, and exactly what overflows a column or a parser downstream. */
export function boundaryValues(s: JsonSchema): unknown[] {
  const out: unknown[] = [];
  if (typeof s.maximum === 'number') out.push(s.maximum);
  if (typeof s.minimum === 'number') out.push(s.minimum);
  if (typeof s.maxLength === 'number') out.push('a'.repeat(s.maxLength), '中'.repeat(s.maxLength), '😀'.repeat(Math.floor(s.maxLength / 2)));
  if (typeof s.minLength === 'number' && s.minLength > 0) out.push('a'.repeat(s.minLength));
  if (s.format === 'date') out.push('2000-01-01', '2100-12-31', '2024-02-29', '2000-02-29');
  if (s.enum) out.push(...s.enum);
  out.push(2_147_483_647, 2_147_483_648, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
  return out;
}

/** Query-string values: already percent-encoded text. */
export function queryClasses(s: JsonSchema): Array<{ cls: string; values: string[] }> {
  const enc = (v: string) => encodeURIComponent(v);
  const over = (s.maxLength ?? 2_000) + 1;
  return [
    { cls: 'nul', values: ['%00', 'a%00b'] },
    { cls: 'surrogate', values: ['%ED%A0%80', '%F0%90%80'] },
    { cls: 'bad-percent-encoding', values: ['%', '%zz', '%E4%B8'] },
    { cls: 'huge-string', values: ['x'.repeat(over), enc('中'.repeat(over))] },
    { cls: 'negative', values: ['-1', '-2147483649', '-9223372036854775809'] },
    { cls: 'huge-number', values: ['2147483648', '9223372036854775808', '1e308', '99999999999999999999999'] },
    { cls: 'fraction', values: ['0.5', '1e-7'] },
    { cls: 'nan-string', values: ['NaN', 'Infinity', '-0', '0x1F', '1e400', enc(' 1 ')] },
    { cls: 'wrong-type', values: ['true', 'null', '[]', '{}', 'str'] },
    { cls: 'impossible-date', values: ['0000-00-00', '2026-02-30', '2025-02-29', '2026-13-01', '1999-12-31', '2101-01-01', '275760-09-13', '2026-1-1'] },
    { cls: 'unicode', values: [enc('😀👨‍👩‍👧‍👦'), enc('\u202eevil'), enc('e\u0301\u0301\u0301'), enc('１２３'), enc('𠮷野家')] },
    { cls: 'injection', values: [enc("' OR '1'='1' --"), enc('%_\\'), enc('<script>alert(1)</script>'), enc("'; drop table projects; --"), enc('\\')] },
    { cls: 'empty', values: ['', enc('   ')] },
    { cls: 'boundary', values: boundaryValues(s).map((v) => enc(String(v))) },
  ];
}

export interface FieldRef {
  /** Property names from the body's root. */
  path: string[];
  schema: JsonSchema;
}

/** Every property of an object schema, nested objects included (the object itself and its fields). */
export function fieldsOf(s: JsonSchema, prefix: string[] = [], depth = 0): FieldRef[] {
  if (!s.properties || depth > 3) return [];
  const out: FieldRef[] = [];
  for (const [k, v] of Object.entries(s.properties)) {
    out.push({ path: [...prefix, k], schema: v });
    if (v.properties) out.push(...fieldsOf(v, [...prefix, k], depth + 1));
  }
  return out;
}

export function isRecordSchema(s: JsonSchema): boolean {
  return !s.properties && typeof s.additionalProperties === 'object';
}

const RAW_MARK = '\u0001raw:';

/** The body with one mutation applied at `path` (a deep copy), as JSON text. */
export function mutatedBody(base: unknown, path: string[], m: Mutation): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) {
    const next = parent[k];
    if (typeof next !== 'object' || next === null) return JSON.stringify(copy);
    parent = next as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  const put = (value: unknown) => Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  if (m.kind === 'delete') delete parent[last];
  else if (m.kind === 'set') put(m.value);
  else put(`${RAW_MARK}${m.raw}`);
  const text = JSON.stringify(copy);
  return m.kind === 'raw' ? text.replace(JSON.stringify(`${RAW_MARK}${m.raw}`), m.raw) : text;
}
