/**
 * Statements of the hot read paths are built once and prepared once per database handle (drizzle `.prepare(name)`
 * with `sql.placeholder`): drizzle does not rebuild their SQL per request and PostgreSQL parses and plans each
 * once per connection. The same pattern as the session lookup (auth/sessions.ts); works on PGlite and pg.
 *
 * A key names one SQL text: a statement whose text varies (by the caller's organisation type, say) takes one key
 * per variant, and the key is the statement's name on the server.
 */
const statements = new WeakMap<object, Map<string, unknown>>();

export function preparedOn<T>(db: object, key: string, build: (name: string) => T): T {
  let byKey = statements.get(db);
  if (!byKey) {
    byKey = new Map();
    statements.set(db, byKey);
  }
  let q = byKey.get(key) as T | undefined;
  if (q === undefined) {
    q = build(key);
    byKey.set(key, q);
  }
  return q;
}
