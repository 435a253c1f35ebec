/**
 * HTTP throughput and latency of the endpoints the issue names, against the bare-route ceiling.
 * Each endpoint is checked once (status and body), warmed up, then measured at every connection count.
 */
import os from 'node:os';
import { BENCH_TOWN } from '../lib/seed';
import { runLoad, type LoadResult } from '../lib/load';
import { cpuBetween, sampleCpu } from '../lib/cpu';
import { emptyRow, type BenchContext, type Row, type Section, type TargetCheck } from '../lib/types';

/** The targets (binding on PostgreSQL). */
export const TARGETS = {
  /** Every endpoint at least this share of the ceiling's req/s (same connection count). */
  minRatioPct: 30,
  /** p99 below this at `p99AtConnections` connections. */
  maxP99Ms: 50,
  p99AtConnections: 64,
  /** The filtered public list at least this many req/s. */
  publicListMinReqPerSec: 3_000,
} as const;

export const CEILING_NAME = 'GET /api/hello (ceiling)';

export interface Endpoint {
  key: 'ceiling' | 'publicList' | 'ownProject' | 'bureauList' | 'notifications' | 'institutionTasks';
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Checks a 200 body once before the load; returns a problem or null. */
  check(body: unknown): string | null;
}

/** The bare route: what the server does per request with no database and no session. */
export const CEILING_ENDPOINT: Endpoint = {
  key: 'ceiling',
  name: CEILING_NAME,
  path: '/api/hello',
  headers: {},
  check: (b) => ((b as { hello?: string }).hello === 'world' ? null : 'unexpected body'),
};

export function httpEndpoints(ctx: BenchContext): Endpoint[] {
  const { seed, users } = ctx;
  const list = (min: number) => (b: unknown) => {
    const body = b as { items?: unknown[]; total?: number };
    if (!Array.isArray(body.items) || body.items.length === 0) return 'empty list';
    if (typeof body.total !== 'number' || body.total < min) return `total ${String(body.total)} < ${min}`;
    return null;
  };
  return [
    CEILING_ENDPOINT,
    {
      key: 'publicList',
      name: `GET /api/v1/public/filings?townCode=${BENCH_TOWN}`,
      path: `/api/v1/public/filings?townCode=${BENCH_TOWN}`,
      headers: {},
      check: list(seed.publishedInTown),
    },
    {
      key: 'ownProject',
      name: 'GET /api/v1/projects/:id (enterprise)',
      path: `/api/v1/projects/${seed.enterpriseUser.projectId}`,
      headers: { cookie: users.enterprise.cookie },
      check: (b) => ((b as { id?: string }).id === seed.enterpriseUser.projectId ? null : 'another project or no id'),
    },
    {
      key: 'bureauList',
      name: 'GET /api/v1/projects?stage=2 (bureau)',
      path: '/api/v1/projects?stage=2',
      headers: { cookie: users.bureau.cookie },
      check: list(seed.stage2Projects),
    },
  ];
}

export async function preflight(ctx: BenchContext, e: Endpoint): Promise<void> {
  const res = await fetch(ctx.baseUrl + e.path, { headers: e.headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${e.name}: HTTP ${res.status} before the load (${text.slice(0, 300)}) — refusing to benchmark errors`);
  const problem = e.check(JSON.parse(text));
  if (problem) throw new Error(`${e.name}: unexpected response before the load: ${problem}`);
}

function targetsFor(e: Endpoint, r: LoadResult, ratioPct: number | null): TargetCheck[] {
  if (e.key === 'ceiling') return [];
  const checks: TargetCheck[] = [];
  if (ratioPct !== null) {
    checks.push({ label: `≥${TARGETS.minRatioPct}% ceiling`, met: ratioPct >= TARGETS.minRatioPct, actual: `${ratioPct.toFixed(1)}%` });
  }
  if (r.connections === TARGETS.p99AtConnections) {
    checks.push({ label: `p99<${TARGETS.maxP99Ms}ms`, met: r.p99Ms < TARGETS.maxP99Ms, actual: `${r.p99Ms} ms` });
  }
  if (e.key === 'publicList') {
    checks.push({
      label: `≥${TARGETS.publicListMinReqPerSec} req/s`,
      met: r.reqPerSec >= TARGETS.publicListMinReqPerSec,
      actual: `${Math.round(r.reqPerSec)} req/s`,
    });
  }
  return checks;
}

/** The ceiling's req/s by connection count, from the rows of an earlier run (the http section). */
export function ceilingFrom(rows: readonly Row[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) if (r.section === 'http' && r.name === CEILING_NAME && r.connections !== null && r.throughput !== null) out.set(r.connections, r.throughput);
  return out;
}

/**
 * Checks, warms up and measures each endpoint at every connection count, as rows of `section`.
 * The ceiling's req/s (filled in when the ceiling endpoint is among them) gives the "% ceiling" column.
 */
export async function measureEndpoints(ctx: BenchContext, section: string, endpoints: readonly Endpoint[], ceiling: Map<number, number>): Promise<Row[]> {
  const { options } = ctx;
  const rows: Row[] = [];
  for (const e of endpoints) {
    await preflight(ctx, e);
    const url = ctx.baseUrl + e.path;
    const warm = await runLoad({ url, headers: e.headers, connections: Math.min(...options.connections), seconds: options.warmupSeconds, workers: options.workers });
    if (warm.non2xx > 0 || warm.errors > 0) {
      throw new Error(`${e.name}: ${warm.non2xx} non-2xx / ${warm.errors} errors during warm-up (${JSON.stringify(warm.statusCodes)})`);
    }
    for (const connections of options.connections) {
      const loadBefore = os.loadavg()[0] ?? 0;
      const cpu0 = sampleCpu(ctx.pgDatabase);
      const r = await runLoad({ url, headers: e.headers, connections, seconds: options.seconds, workers: options.workers, title: e.name });
      const cpu = cpuBetween(cpu0, sampleCpu(ctx.pgDatabase), ctx.pgDatabase !== null);
      const perReq = (ms: number | null) => (ms === null || r.total === 0 ? null : ms / r.total);
      if (e.key === 'ceiling') ceiling.set(connections, r.reqPerSec);
      const ref = ceiling.get(connections);
      const ratioPct = e.key === 'ceiling' ? 100 : ref ? (100 * r.reqPerSec) / ref : null;
      const bad = r.non2xx > 0 || r.errors > 0;
      ctx.log(
        `  ${e.name.padEnd(48)} ${String(connections).padStart(3)} conn  ${Math.round(r.reqPerSec).toString().padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms` +
          `  CPU/req app ${perReq(cpu.appMs)?.toFixed(3) ?? '?'} ms, db ${perReq(cpu.dbMs)?.toFixed(3) ?? '—'} ms` +
          `  (load avg ${loadBefore.toFixed(1)})` +
          (bad ? `  !! non-2xx ${r.non2xx}, errors ${r.errors} ${JSON.stringify(r.statusCodes)}` : ''),
      );
      rows.push({
        ...emptyRow(section, e.name, 'req/s'),
        connections,
        throughput: r.reqPerSec,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        meanMs: r.meanMs,
        appCpuMsPerOp: perReq(cpu.appMs),
        dbCpuMsPerOp: perReq(cpu.dbMs),
        ratioPct,
        total: r.total,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        targets: targetsFor(e, r, e.key === 'ceiling' ? null : ratioPct),
        ...(bad ? { note: `status ${JSON.stringify(r.statusCodes)}` } : {}),
        details: { path: e.path, p90Ms: r.p90Ms, maxMs: r.maxMs, statusCodes: r.statusCodes, seconds: r.seconds, workers: options.workers, loadAvg1mBefore: loadBefore },
      });
    }
  }
  return rows;
}

export const httpSection: Section = {
  name: 'http',
  run: (ctx) => measureEndpoints(ctx, 'http', httpEndpoints(ctx), new Map()),
};
