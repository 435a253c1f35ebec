/** The operations of an OpenAPI 3.0 document, in a form a request generator can walk. */
import type { JsonSchema } from './schema';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Param {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: Method;
  /** The path template, e.g. /api/v1/projects/{id}. */
  path: string;
  key: string;
  params: Param[];
  body: JsonSchema | null;
  bodyRequired: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> } }>>;
}

const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function operationsOf(doc: unknown): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries((doc as OpenApiDoc).paths)) {
    for (const [m, op] of Object.entries(item)) {
      const method = m.toUpperCase() as Method;
      if (!METHODS.includes(method)) continue;
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      out.push({ method, path, key: `${method} ${path}`, params: op.parameters ?? [], body, bodyRequired: op.requestBody?.required ?? false });
    }
  }
  return out;
}

/** The path with its parameters filled in (values are put in as given: encode them first if needed). */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for path parameter ${name} of ${template}`);
    return v;
  });
}
