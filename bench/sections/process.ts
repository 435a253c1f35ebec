/**
 * The server as a process, once per database: `node src/server/launch.mjs`, the way `npm run serve` runs it
 * (the cached server bundle, no TypeScript loader), on a FRESH database (a new PGlite
 * directory, or a new PostgreSQL database) with the default demo data on.
 *
 * - first start: fresh database → GET /api/health answers 200 (migrations ran; the demo loads in the background);
 *   then SIGINT during the demo load: exit 0, no error line.
 * - second start on the same data: → healthy again, nothing reloaded.
 * - idle RSS a few seconds after start; RSS under load (autocannon on a signed-in read, the demo reviewer's
 *   project list), sampled every 100 ms, the highest kept.
 * - graceful shutdown: SIGINT while XLSX exports and reads are in flight: every one answered in full, exit 0,
 *   no error line in the output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO_DOMAIN } from '../../src/db/demo';
import { DEMO_PASSWORD } from '../../src/db/factories';
import { runLoad } from '../lib/load';
import { signIn } from '../lib/server';
import type { BenchContext, Row, Section, TargetCheck } from '../lib/types';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Start-up budget (ms) and memory budgets (MB) per database, from the performance issue. */
const START_BUDGET_MS = { postgres: 1_500, pglite: 3_000 } as const;
const IDLE_RSS_MB = { postgres: 200, pglite: 300 } as const;
const LOAD_RSS_MB = 350;
const ERROR_LINE = /"level":(50|60)|Cannot use a pool|PGlite is closed|Unhandled|Error:|ERR_/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

interface Child {
  proc: ChildProcess;
  baseUrl: string;
  startMs: number;
  output(): string;
  exited: Promise<number | null>;
}

async function start(env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['src/server/launch.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SERVE_WEB: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited during start: ${out.slice(-2000)}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 120_000) throw new Error(`server not healthy after 120 s: ${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { proc, baseUrl, startMs: performance.now() - t0, output: () => out, exited };
}

async function stop(child: Child): Promise<{ code: number | null; errorLines: string[] }> {
  child.proc.kill('SIGINT');
  const code = await child.exited;
  return { code, errorLines: child.output().split('\n').filter((l) => ERROR_LINE.test(l)) };
}

function row(name: string, unit: string, extra: Partial<Row> & { targets: TargetCheck[] }): Row {
  return { section: 'process', name, connections: null, throughput: null, unit, p50Ms: null, p99Ms: null, meanMs: null, appCpuMsPerOp: null, dbCpuMsPerOp: null, ratioPct: null, total: null, non2xx: 0, errors: 0, ...extra };
}

async function demoState(baseUrl: string): Promise<string> {
  const body = (await (await fetch(`${baseUrl}/api/health`)).json()) as { demo?: string };
  return body.demo ?? 'unknown';
}

async function freshDatabase(ctx: BenchContext): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-bench-process-'));
  if (ctx.dbKind === 'pglite') return { env: { DATA_DIR: dir, DATABASE_URL: '' }, drop: () => rm(dir, { recursive: true, force: true }) };
  const name = `zs_bench_process_${Date.now()}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: ctx.options.pgAdminUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(ctx.options.pgAdminUrl);
  u.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dir, DATABASE_URL: u.toString() },
    drop: async () => {
      await admin(`drop database if exists ${name} with (force)`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const processSection: Section = {
  name: 'process',
  async run(ctx) {
    const kind = ctx.dbKind;
    const rows: Row[] = [];
    const db = await freshDatabase(ctx);
    let child: Child | null = null;
    try {
      // First start: a fresh database, the demo data on (as `npm start` runs it).
      child = await start(db.env);
      const bundleBuilt = child.output().includes('Server bundle built');
      const first = child.startMs;
      const firstDemo = await demoState(child.baseUrl);
      // Let the base demo (the sign-ins) commit, then stop during the use-case stages.
      for (let i = 0; i < 300 && !/Demo data loaded/.test(child.output()); i++) await new Promise((r) => setTimeout(r, 100));
      const firstStop = await stop(child);
      child = null;
      rows.push(
        row('start-up, first (fresh database)', 'ms', {
          meanMs: first,
          note: `demo ${firstDemo} at health${bundleBuilt ? '; server bundle built in this start' : ''}`,
          targets: [
            { label: `healthy ≤ ${START_BUDGET_MS[kind] / 1000} s`, met: first <= START_BUDGET_MS[kind], actual: `${(first / 1000).toFixed(2)} s` },
            { label: 'SIGINT during demo load: exit 0, no error', met: firstStop.code === 0 && firstStop.errorLines.length === 0, actual: `exit ${firstStop.code}, ${firstStop.errorLines.length} error lines` },
          ],
          details: { errorLines: firstStop.errorLines.slice(0, 5) },
        }),
      );
      ctx.log(`process: first start ${(first / 1000).toFixed(2)} s`);

      // Second start on the same data.
      child = await start(db.env);
      const second = child.startMs;
      rows.push(row('start-up, second (data present)', 'ms', { meanMs: second, targets: [{ label: `healthy ≤ ${START_BUDGET_MS[kind] / 1000} s`, met: second <= START_BUDGET_MS[kind], actual: `${(second / 1000).toFixed(2)} s` }] }));
      const pid = child.proc.pid ?? 0;
      // Idle means idle: the first start was stopped during the demo load, which this start finishes first.
      const readyBy = performance.now() + 600_000;
      while (performance.now() < readyBy && !['ready', 'off'].includes(await demoState(child.baseUrl))) await new Promise((r) => setTimeout(r, 250));
      await new Promise((r) => setTimeout(r, 3_000));
      const idle = rssMb(pid);
      rows.push(row('RSS idle (3 s after the demo data is complete)', 'MB', { meanMs: null, details: { rssMb: idle }, note: `${idle.toFixed(0)} MB`, targets: [{ label: `< ${IDLE_RSS_MB[kind]} MB`, met: idle > 0 && idle < IDLE_RSS_MB[kind], actual: `${idle.toFixed(0)} MB` }] }));

      // Under load: a signed-in read.
      const user = await signIn(child.baseUrl, `reviewer@${DEMO_DOMAIN}`, DEMO_PASSWORD);
      let peak = rssMb(pid);
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
      const seconds = ctx.options.quick ? 3 : 5;
      const load = await runLoad({ url: `${child.baseUrl}/api/v1/projects`, headers: { cookie: user.cookie }, connections: 16, seconds, workers: ctx.options.workers });
      clearInterval(sampler);
      rows.push(
        row('RSS under load (signed-in project list, 16 conn)', 'MB', {
          connections: 16,
          throughput: load.reqPerSec,
          p50Ms: load.p50Ms,
          p99Ms: load.p99Ms,
          total: load.total,
          non2xx: load.non2xx,
          errors: load.errors + load.timeouts,
          note: `peak ${peak.toFixed(0)} MB`,
          details: { peakRssMb: peak },
          targets: [{ label: `< ${LOAD_RSS_MB} MB`, met: peak > 0 && peak < LOAD_RSS_MB, actual: `${peak.toFixed(0)} MB` }],
        }),
      );

      // Graceful shutdown with requests in flight.
      const paths = ['/api/v1/public/open-data/catalog.xlsx', '/api/v1/public/open-data/funded-projects.xlsx', '/api/v1/public/open-data/pilot-enterprises.xlsx', '/api/health'];
      const base = child.baseUrl;
      const inFlight = Array.from({ length: 24 }, (_, i) =>
        fetch(`${base}${paths[i % paths.length] ?? '/api/health'}`).then(
          async (res) => {
            const body = Buffer.from(await res.arrayBuffer());
            const length = res.headers.get('content-length');
            // 503: reached the server after it began closing (answered in full, with connection: close).
            return (res.status === 200 || res.status === 503) && (length === null || Number(length) === body.length);
          },
          () => false,
        ),
      );
      await new Promise((r) => setTimeout(r, 400));
      const stopped = await stop(child);
      child = null;
      const answered = (await Promise.all(inFlight)).filter(Boolean).length;
      const clean = stopped.code === 0 && stopped.errorLines.length === 0 && answered === inFlight.length;
      rows.push(
        row('graceful shutdown (SIGINT, 24 requests in flight)', 'requests', {
          total: answered,
          errors: inFlight.length - answered,
          targets: [{ label: 'all answered, exit 0, no error', met: clean, actual: `${answered}/${inFlight.length} answered, exit ${stopped.code}, ${stopped.errorLines.length} error lines` }],
          details: { errorLines: stopped.errorLines.slice(0, 5) },
        }),
      );
    } finally {
      if (child && child.proc.exitCode === null) {
        child.proc.kill('SIGKILL');
        await child.exited;
      }
      await db.drop();
    }
    return rows;
  },
};
