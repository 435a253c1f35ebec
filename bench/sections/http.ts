/**
 * HTTP throughput and latency of the endpoints the issue names, against the bare-route ceiling.
 * Each endpoint is checked once (status and body), warmed up, then measured at every connection count.
 */
import os from 'node:os';
import { BENCH_TOWN } from '../lib/seed';
import { runLoad } from '../lib/load';
import { cpuBetween, sampleCpu } from '../lib/cpu';
import { cacheText } from '../lib/report';
import { targetsFor, type EndpointKind } from '../lib/targets';
import { emptyRow, type BenchContext, type CacheSample, type Row, type Section } from '../lib/types';

export { TARGETS } from '../lib/targets';

export const CEILING_NAME = 'GET /api/hello (ceiling)';

export interface Endpoint {
  /** A stable short id (results JSON). */
  key: string;
  /** What the targets hold it to: the ceiling, a public list, a signed-in read. */
  kind: EndpointKind;
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Checks a 200 body once before the load; returns a problem or null. */
  check(body: unknown): string | null;
}

/** The bare route: what the server does per request with no database and no session. */
export const CEILING_ENDPOINT: Endpoint = {
  key: 'ceiling',
  kind: 'ceiling',
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
      kind: 'public',
      name: `GET /api/v1/public/filings?townCode=${BENCH_TOWN}`,
      path: `/api/v1/public/filings?townCode=${BENCH_TOWN}`,
      headers: {},
      check: list(seed.publishedInTown),
    },
    {
      key: 'ownProject',
      kind: 'signedIn',
      name: 'GET /api/v1/projects/:id (enterprise)',
      path: `/api/v1/projects/${seed.enterpriseUser.projectId}`,
      headers: { cookie: users.enterprise.cookie },
      check: (b) => ((b as { id?: string }).id === seed.enterpriseUser.projectId ? null : 'another project or no id'),
    },
    {
      key: 'bureauList',
      kind: 'signedIn',
      name: 'GET /api/v1/projects?stage=2 (bureau)',
      path: '/api/v1/projects?stage=2',
      headers: { cookie: users.bureau.cookie },
      check: list(seed.stage2Projects),
    },
  ];
}

/** Checks one response of `e` (200, JSON, plausible body); returns its `x-cache` header (null when absent). */
export async function preflight(ctx: BenchContext, e: Endpoint): Promise<string | null> {
  const res = await fetch(ctx.baseUrl + e.path, { headers: e.headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${e.name}: HTTP ${res.status} before the load (${text.slice(0, 300)}) — refusing to benchmark errors`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${e.name}: the response before the load is not JSON (${text.slice(0, 200)})`);
  }
  const problem = e.check(body);
  if (problem) throw new Error(`${e.name}: unexpected response before the load: ${problem}`);
  return res.headers.get(CACHE_HEADER);
}

/** The response cache's header: `hit` or `miss` (absent when the app has no cache for the route or it is off). */
export const CACHE_HEADER = 'x-cache';
/** How often the cache sampler sends one request of its own during a measured run. */
const CACHE_SAMPLE_EVERY_MS = 200;

/**
 * Sends one request of `e` every CACHE_SAMPLE_EVERY_MS until stopped and counts the `x-cache` answers: the
 * share of hits a client saw during the run (a sample of ~5 requests per second among thousands; its cost
 * is in the app column's CPU, well below 1 %).
 */
function sampleCache(ctx: BenchContext, e: Endpoint): { stop(): Promise<CacheSample> } {
  const sample: CacheSample = { hit: 0, miss: 0, absent: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const res = await fetch(ctx.baseUrl + e.path, { headers: e.headers });
        await res.arrayBuffer();
        const h = res.headers.get(CACHE_HEADER)?.toLowerCase();
        if (h === 'hit') sample.hit += 1;
        else if (h === 'miss') sample.miss += 1;
        else sample.absent += 1;
      } catch {
        // A failed sample says nothing about the cache; the load run counts errors.
      }
      await new Promise((resolve) => setTimeout(resolve, CACHE_SAMPLE_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return sample;
    },
  };
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
    let firstCache: string | null;
    try {
      firstCache = await preflight(ctx, e);
    } catch (err) {
      // A wrong answer before the load fails the benchmark (an error row) but not the other endpoints' runs.
      if (e.kind === 'ceiling') throw err;
      const message = err instanceof Error ? err.message : String(err);
      ctx.log(`  !! ${message}`);
      rows.push({ ...emptyRow(section, e.name, 'req/s'), errors: 1, note: `not measured: ${message}`, details: { path: e.path, kind: e.kind } });
      continue;
    }
    const url = ctx.baseUrl + e.path;
    const warm = await runLoad({ url, headers: e.headers, connections: Math.min(...options.connections), seconds: options.warmupSeconds, workers: options.workers });
    if (warm.non2xx > 0 || warm.errors > 0) {
      throw new Error(`${e.name}: ${warm.non2xx} non-2xx / ${warm.errors} errors during warm-up (${JSON.stringify(warm.statusCodes)})`);
    }
    for (const connections of options.connections) {
      const loadBefore = os.loadavg()[0] ?? 0;
      const sampler = e.kind === 'ceiling' ? null : sampleCache(ctx, e);
      const cpu0 = sampleCpu(ctx.pgDatabase);
      const r = await runLoad({ url, headers: e.headers, connections, seconds: options.seconds, workers: options.workers, title: e.name });
      const cpu = cpuBetween(cpu0, sampleCpu(ctx.pgDatabase), ctx.pgDatabase !== null);
      const cache = sampler ? await sampler.stop() : undefined;
      const perReq = (ms: number | null) => (ms === null || r.total === 0 ? null : ms / r.total);
      if (e.kind === 'ceiling') ceiling.set(connections, r.reqPerSec);
      const ref = ceiling.get(connections);
      const ratioPct = e.kind === 'ceiling' ? 100 : ref ? (100 * r.reqPerSec) / ref : null;
      const appCpuMsPerReq = perReq(cpu.appMs);
      const dbCpuMsPerReq = perReq(cpu.dbMs);
      const bad = r.non2xx > 0 || r.errors > 0;
      ctx.log(
        `  ${e.name.padEnd(48)} ${String(connections).padStart(3)} conn  ${Math.round(r.reqPerSec).toString().padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms` +
          `  CPU/req app ${appCpuMsPerReq?.toFixed(3) ?? '?'} ms, db ${dbCpuMsPerReq?.toFixed(3) ?? '—'} ms` +
          (cache ? `  cache ${cacheText(cache)}` : '') +
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
        appCpuMsPerOp: appCpuMsPerReq,
        dbCpuMsPerOp: dbCpuMsPerReq,
        ratioPct,
        total: r.total,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        targets: targetsFor(e.kind, ctx.dbKind, { connections, reqPerSec: r.reqPerSec, ratioPct: e.kind === 'ceiling' ? null : ratioPct, p99Ms: r.p99Ms, appCpuMsPerReq, dbCpuMsPerReq }),
        ...(cache ? { cache } : {}),
        ...(bad ? { note: `status ${JSON.stringify(r.statusCodes)}` } : {}),
        details: { path: e.path, kind: e.kind, cacheBeforeLoad: firstCache, p90Ms: r.p90Ms, maxMs: r.maxMs, statusCodes: r.statusCodes, seconds: r.seconds, workers: options.workers, loadAvg1mBefore: loadBefore },
      });
    }
  }
  return rows;
}

export const httpSection: Section = {
  name: 'http',
  run: (ctx) => measureEndpoints(ctx, 'http', httpEndpoints(ctx), new Map()),
};
