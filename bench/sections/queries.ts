/**
 * Why an endpoint costs what it costs: the SQL one request sends (captured at the driver),
 * each statement's plan and execution time (EXPLAIN ANALYZE with the request's own parameters),
 * and its mean round trip from Node when run alone. Run after the HTTP section (nothing else on the DB).
 */
import { captureQueries, rawQuery } from '../lib/query-capture';
import { emptyRow, type BenchContext, type Row, type Section } from '../lib/types';
import { CACHE_HEADER, httpEndpoints, type Endpoint } from './http';

const ROUND_TRIPS = 200;
const PLAN_LINES = 14;

export interface QueryProfile {
  sql: string;
  params: unknown[];
  plan: string[];
  planningMs: number | null;
  executionMs: number | null;
  /** Mean wall time of the statement from Node, run alone ROUND_TRIPS times. */
  roundTripMs: number;
}

function short(sqlText: string, max = 110): string {
  const flat = sqlText.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function msOf(plan: string[], label: string): number | null {
  const line = plan.find((l) => l.trim().startsWith(label));
  const m = line?.match(/([\d.]+) ms/);
  return m?.[1] ? Number(m[1]) : null;
}

async function profile(ctx: BenchContext, q: { sql: string; params: unknown[] }): Promise<QueryProfile> {
  const db = ctx.handle.db;
  // Only reads are re-run; a write is reported as sent.
  if (!/^\s*(select|with)\b/i.test(q.sql)) return { sql: q.sql, params: q.params, plan: ['(write: not re-run)'], planningMs: null, executionMs: null, roundTripMs: 0 };
  const explain = await rawQuery(db, `explain (analyze, buffers) ${q.sql}`, q.params);
  const plan = explain.map((r) => String(Object.values(r)[0] ?? ''));
  const t0 = performance.now();
  for (let i = 0; i < ROUND_TRIPS; i++) await rawQuery(db, q.sql, q.params);
  const roundTripMs = (performance.now() - t0) / ROUND_TRIPS;
  return { sql: q.sql, params: q.params, plan, planningMs: msOf(plan, 'Planning Time'), executionMs: msOf(plan, 'Execution Time'), roundTripMs };
}

/** The SQL one request of `e` sends, each statement profiled; logged, and returned as a remark row. */
export async function profileEndpoint(ctx: BenchContext, e: Endpoint, extra: Record<string, unknown> = {}): Promise<Row> {
  // A first request outside the capture, so one-off work (e.g. the sliding session update) is not counted.
  await fetch(ctx.baseUrl + e.path, { headers: e.headers }).then((r) => r.arrayBuffer());
  let status = 0;
  let cache: string | null = null;
  const captured = await captureQueries(ctx.handle.db, async () => {
    const res = await fetch(ctx.baseUrl + e.path, { headers: e.headers });
    status = res.status;
    cache = res.headers.get(CACHE_HEADER);
    await res.arrayBuffer();
  });
  const profiles: QueryProfile[] = [];
  for (const q of captured) profiles.push(await profile(ctx, q));
  const exec = profiles.reduce((s, p) => s + (p.executionMs ?? 0), 0);
  const trips = profiles.reduce((s, p) => s + p.roundTripMs, 0);
  ctx.log(`  ${e.name}: HTTP ${status}${cache ? ` (${CACHE_HEADER}: ${cache})` : ''}, ${profiles.length} queries, Σ execution ${exec.toFixed(2)} ms, Σ round trip ${trips.toFixed(2)} ms`);
  profiles.forEach((p, i) => {
    ctx.log(`    [${i + 1}] ${short(p.sql)}`);
    ctx.log(`        params ${short(JSON.stringify(p.params), 100)}`);
    ctx.log(`        planning ${p.planningMs ?? '?'} ms, execution ${p.executionMs ?? '?'} ms, round trip ${p.roundTripMs.toFixed(3)} ms`);
    for (const line of p.plan.filter((l) => !/^(Planning|Execution) Time/.test(l.trim())).slice(0, PLAN_LINES)) ctx.log(`        | ${line}`);
  });
  return {
    ...emptyRow('queries', e.name, 'queries'),
    meanMs: trips,
    note: `${profiles.length} queries/request${cache ? ` (${CACHE_HEADER}: ${cache})` : ''}; Σ exec ${exec.toFixed(2)} ms; Σ round trip ${trips.toFixed(2)} ms`,
    details: { status, cache, queries: profiles, ...extra },
  };
}

export const queriesSection: Section = {
  name: 'queries',
  async run(ctx) {
    const rows: Row[] = [];
    const [vis] = await rawQuery(
      ctx.handle.db,
      `select c.relpages, c.relallvisible, current_setting('autovacuum') as autovacuum from pg_class c where c.relname = 'projects'`,
    );
    ctx.log(
      `  projects: ${String(vis?.relpages)} pages, ${String(vis?.relallvisible)} all-visible (index-only scans need the visibility map); autovacuum ${String(vis?.autovacuum)}`,
    );
    for (const e of httpEndpoints(ctx)) {
      if (e.kind === 'ceiling') continue;
      rows.push(await profileEndpoint(ctx, e, { projectsVisibility: vis ?? null }));
    }
    return rows;
  },
};
