/**
 * The server as a process (`node src/server/launch.mjs`, as `npm run serve` runs it: the cached server bundle) on a fresh
 * database: it becomes healthy, and SIGINT while requests run — some of them slow open-data XLSX exports — lets
 * every request finish with a complete answer (or be refused once the listener closed), then exits 0 with no
 * error in its output. A shutdown while the demo data is loading in the background is clean as well.
 * On PGlite by default, on PostgreSQL with TEST_DB=postgres.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KIND, type TestDb } from '../support/db';
import { freePort } from '../support/net';

const ROOT = join(import.meta.dirname, '..', '..');
/** Lines that mean something went wrong: a pino error/fatal, an uncaught error, the pool used after end. */
const ERROR_LINE = /"level":(50|60)|Cannot use a pool|PGlite is closed|Unhandled|Error:|ERR_/;


interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['src/server/launch.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SERVE_WEB: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  starting = { child, exited };
  // Generous: a first start may build the server bundle, and the machine may be shared.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy in time: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => out, exited };
}

type Outcome = { kind: 'complete'; status: number } | { kind: 'refused' } | { kind: 'broken'; detail: string };

/** A request and what became of it: a whole answer (the body as long as its content-length), a refusal, or a break. */
async function request(port: number, path: string): Promise<Outcome> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    const body = Buffer.from(await res.arrayBuffer());
    const length = res.headers.get('content-length');
    if (length !== null && Number(length) !== body.length) return { kind: 'broken', detail: `${path}: ${body.length} of ${length} bytes` };
    if (res.status === 200 && path.endsWith('.xlsx') && body.subarray(0, 2).toString() !== 'PK') return { kind: 'broken', detail: `${path}: not an XLSX` };
    return { kind: 'complete', status: res.status };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') return { kind: 'refused' };
    return { kind: 'broken', detail: `${path}: ${cause?.code ?? String(err)}` };
  }
}

let dataDir: string | undefined;
let testDb: TestDb | undefined;
let server: Server | undefined;
/** The process being started (killed after the test even when it never became healthy). */
let starting: { child: ChildProcess; exited: Promise<number | null> } | undefined;

async function databaseEnv(): Promise<Record<string, string>> {
  dataDir = await mkdtemp(join(tmpdir(), 'zs-process-'));
  if (TEST_DB_KIND === 'postgres') {
    testDb = await createTestDb();
    return { DATA_DIR: dataDir, DATABASE_URL: testDb.url ?? '' };
  }
  return { DATA_DIR: dataDir, DATABASE_URL: '' };
}

afterEach(async () => {
  const proc = server ?? starting;
  if (proc && proc.child.exitCode === null) {
    proc.child.kill('SIGKILL');
    await proc.exited;
  }
  server = undefined;
  starting = undefined;
  await testDb?.drop();
  testDb = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe(`the server process (${TEST_DB_KIND})`, () => {
  it('finishes the requests in flight on SIGINT, refuses later ones, and exits 0 without an error line', { timeout: 360_000 }, async () => {
    server = await startServer({ ...(await databaseEnv()), DEMO_DATA: '0' });
    const { port } = server;
    const paths = ['/api/v1/public/open-data/catalog.xlsx', '/api/v1/public/open-data/funded-projects.xlsx', '/api/v1/public/open-data/pilot-enterprises.xlsx', '/api/health', '/api/v1/public/open-data/benchmarks.csv'];
    const inFlight = Array.from({ length: 30 }, (_, i) => request(port, paths[i % paths.length] ?? '/api/health'));
    // Long enough for the server to have read these requests (the first XLSX also loads exceljs, so some are still running).
    await new Promise((r) => setTimeout(r, 400));
    server.child.kill('SIGINT');
    // Requests sent while (and after) it closes: answered, 503 while closing, or refused once it stopped listening.
    const late: Array<Promise<Outcome>> = [];
    for (let i = 0; i < 10; i++) {
      late.push(request(port, paths[i % paths.length] ?? '/api/health'));
      await new Promise((r) => setTimeout(r, 50));
    }
    const code = await server.exited;
    const outcomes = await Promise.all([...inFlight, ...late]);
    // Those sent before the signal were answered in full: 200, or 503 (with connection: close) for one that reached
    // the server only after it began closing; none cut, none refused.
    const first = (await Promise.all(inFlight)).map((o) => (o.kind === 'complete' ? o.status : o.kind === 'broken' ? o.detail : o.kind));
    expect(first.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
    // Later ones: a whole answer, 503 while closing, refused once it stopped listening, or a reset of a keep-alive
    // connection the server closed as idle before the request reached it — never a cut answer.
    const broken = (await Promise.all(late)).filter((o): o is Extract<Outcome, { kind: 'broken' }> => o.kind === 'broken' && !o.detail.endsWith('ECONNRESET'));
    expect(broken.map((b) => b.detail)).toEqual([]);
    for (const o of outcomes) if (o.kind === 'complete') expect([200, 503]).toContain(o.status);
    expect(code).toBe(0);
    const errors = server.output().split('\n').filter((l) => ERROR_LINE.test(l));
    expect(errors).toEqual([]);
    expect(server.output()).toContain('shutting down');
  });

  it('is healthy while the demo data loads in the background, and a shutdown during the load is clean', { timeout: 360_000 }, async () => {
    server = await startServer({ ...(await databaseEnv()), DEMO_DATA: '1' });
    const health = (await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json()) as { status: string; demo: string };
    expect(health.status).toBe('ok');
    expect(['loading', 'ready']).toContain(health.demo);
    // Let the load get into the use-case stages, then stop it.
    await new Promise((r) => setTimeout(r, 3_000));
    server.child.kill('SIGTERM');
    const code = await server.exited;
    expect(code).toBe(0);
    const errors = server.output().split('\n').filter((l) => ERROR_LINE.test(l));
    expect(errors).toEqual([]);
  });
});
