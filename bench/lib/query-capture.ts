/**
 * Records the SQL the application sends while a function runs, by wrapping `query` of the driver
 * client under drizzle (`db.$client`: the pg Pool or the PGlite instance), and runs statements
 * directly on that client (EXPLAIN ANALYZE, timing). Diagnostics only: nothing else may use the
 * database while a capture is on.
 */
import type { AppDb } from '../../src/db/client';

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

interface QueryResultLike {
  rows: Array<Record<string, unknown>>;
}

type QueryFn = (query: unknown, params?: unknown[], config?: unknown) => Promise<QueryResultLike>;

interface DriverClient {
  query: QueryFn;
}

function driverOf(db: AppDb): DriverClient {
  const client = (db as unknown as { $client?: DriverClient }).$client;
  if (!client || typeof client.query !== 'function') throw new Error('query-capture: db.$client has no query()');
  return client;
}

export async function captureQueries(db: AppDb, fn: () => Promise<void>): Promise<CapturedQuery[]> {
  const client = driverOf(db);
  const own = Object.prototype.hasOwnProperty.call(client, 'query');
  const original = client.query;
  const captured: CapturedQuery[] = [];
  client.query = function (this: unknown, query: unknown, params?: unknown[], config?: unknown) {
    const text = typeof query === 'string' ? query : String((query as { text?: unknown }).text ?? '');
    const values = params ?? ((query as { values?: unknown[] } | null)?.values ?? []);
    captured.push({ sql: text, params: [...values] });
    return original.call(this ?? client, query, params, config);
  };
  try {
    await fn();
  } finally {
    if (own) client.query = original;
    else delete (client as Partial<DriverClient>).query;
  }
  return captured;
}

/** Runs one statement on the driver client (not through drizzle); rows as objects. */
export async function rawQuery(db: AppDb, text: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const res = await driverOf(db).query(text, params);
  return res.rows;
}
