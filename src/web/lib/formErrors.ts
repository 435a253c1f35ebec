import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

type NamePath = (string | number)[];

/**
 * Puts the server's field errors onto the form's fields. `fields` lists the form's top-level field names;
 * `map` renames server paths to form names (e.g. plannedInvestmentFen → plannedInvestment, member.password →
 * memberPassword). Returns the messages that matched no field, to be shown in an Alert.
 */
export function applyFieldErrors<T extends object>(
  form: FormInstance<T>,
  err: unknown,
  opts: { fields: readonly string[]; map?: Record<string, string> },
): string[] {
  if (!(err instanceof ApiError) || err.fields.length === 0) return [];
  const known = new Set(opts.fields);
  const rest: string[] = [];
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const f of err.fields) {
    const target = opts.map?.[f.path] ?? f.path;
    const name: NamePath = target.split('.');
    if (!known.has(String(name[0]))) {
      rest.push(f.message);
      continue;
    }
    const entry = byField.get(target) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byField.set(target, entry);
  }
  // setFields is typed by the form's own paths; these names come from the server, checked against `fields`.
  (form.setFields as (fields: { name: NamePath; errors: string[] }[]) => void)([...byField.values()]);
  return rest;
}
