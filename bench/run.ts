/**
 * `npm run bench`: for PGlite and PostgreSQL, a fresh database seeded with 10,000 enterprises and
 * projects and 100,000 audit events, the app built in this process, then every section of
 * bench/sections (HTTP load with autocannon, query profiles, …). Prints a table per database and
 * writes bench/results/<timestamp>.json. Exits non-zero when anything failed or answered non-2xx.
 *
 * Environment:
 *   BENCH_QUICK=1          smoke run: 3 s per run, PGlite only
 *   BENCH_SECONDS=10       seconds per measured run
 *   BENCH_WARMUP_SECONDS   warm-up per endpoint (default 2, 1 when quick)
 *   BENCH_CONNECTIONS=16,64
 *   BENCH_DB=pglite,postgres
 *   BENCH_WORKERS=1        autocannon worker threads (0: load generator on the server's thread)
 *   BENCH_PG_URL           admin URL (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_PG_POOL          app pool size on PostgreSQL (default: openDb's default, as in production)
 *   BENCH_SECTIONS=http,queries   run only these sections
 *   BENCH_EXPLAIN=0        skip the query-profile section
 *   BENCH_VACUUM=1         VACUUM (ANALYZE) after seeding instead of ANALYZE (sets the visibility map)
 *   BENCH_CACHE=0          the app with its response cache off (CACHE_TTL_MS=0): the uncached path
 *
 * The summary lists every target of every section's rows with MET / NOT MET per database; a missed target
 * does not fail the run (exit code 1 only for errors and non-2xx answers).
 */
// First: it sets CACHE_TTL_MS before any module of the app is loaded.
import { benchCacheOn } from './lib/cache-env';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBenchDb, type BenchDb } from './lib/databases';
import { seed, type SeedInfo } from './lib/seed';
import { signIn, startApp, type RunningApp } from './lib/server';
import { dbLabel, renderIssueTable, renderRows, renderSummary, writeResults } from './lib/report';
import { TARGETS } from './lib/targets';
import type { BenchContext, BenchOptions, DbKind, Row } from './lib/types';
import { SECTIONS } from './sections';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

function envList(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readOptions(): BenchOptions {
  const quick = process.env.BENCH_QUICK === '1';
  const dbs = envList('BENCH_DB');
  for (const d of dbs) if (d !== 'pglite' && d !== 'postgres') throw new Error(`BENCH_DB: unknown database "${d}"`);
  const connections = envList('BENCH_CONNECTIONS').map(Number);
  if (connections.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('BENCH_CONNECTIONS must list positive integers');
  return {
    quick,
    seconds: envInt('BENCH_SECONDS', quick ? 3 : 10),
    warmupSeconds: envInt('BENCH_WARMUP_SECONDS', quick ? 1 : 2),
    connections: connections.length > 0 ? connections : [16, 64],
    workers: envInt('BENCH_WORKERS', 1),
    databases: dbs.length > 0 ? (dbs as DbKind[]) : quick ? ['pglite'] : ['pglite', 'postgres'],
    pgPoolSize: process.env.BENCH_PG_POOL ? envInt('BENCH_PG_POOL', 10) : undefined,
    pgAdminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    explain: process.env.BENCH_EXPLAIN !== '0',
    vacuum: process.env.BENCH_VACUUM === '1',
    sections: envList('BENCH_SECTIONS'),
    cache: benchCacheOn,
  };
}

interface DatabaseResult {
  kind: DbKind;
  location: string | null;
  openMs: number | null;
  seed: SeedInfo | null;
  rows: Row[];
  errors: string[];
}

const log = (message: string) => console.log(message);
const errText = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));

function printSeed(s: SeedInfo): void {
  const ms = (n: number) => `${Math.round(n)} ms`;
  log(
    `Seeded in ${ms(s.ms.total)} (password hash ${ms(s.ms.hash)}, organizations ${ms(s.ms.organizations)}, projects ${ms(s.ms.projects)}, ` +
      `audit events ${ms(s.ms.auditEvents)}, users ${ms(s.ms.users)}, ${s.vacuumed ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${ms(s.ms.analyze)})`,
  );
  const c = s.counts;
  log(
    `  ${c.enterprises} enterprises in ${c.towns} towns, ${c.projects} projects in ${c.states} states (${c.filed} filed, ${c.published} published), ` +
      `${c.audit_events} audit events, ${c.users} users; ${s.publishedInTown} published in the benchmark town, ${s.stage2Projects} filed in stage 2`,
  );
}

async function benchDatabase(kind: DbKind, options: BenchOptions, first: boolean): Promise<DatabaseResult> {
  const result: DatabaseResult = { kind, location: null, openMs: null, seed: null, rows: [], errors: [] };
  log(`\n══════ ${dbLabel(kind)} ══════`);
  let bdb: BenchDb | null = null;
  let running: RunningApp | null = null;
  try {
    bdb = await openBenchDb(kind, options);
    result.location = bdb.location;
    result.openMs = bdb.openMs;
    log(`Database ${bdb.location} created and migrated in ${Math.round(bdb.openMs)} ms`);
    const s = await seed(bdb.handle.db, undefined, { vacuum: options.vacuum });
    result.seed = s;
    printSeed(s);

    running = await startApp(bdb.handle);
    const enterprise = await signIn(running.baseUrl, s.enterpriseUser.account, s.enterpriseUser.password);
    const bureau = await signIn(running.baseUrl, s.bureauUser.account, s.bureauUser.password);
    log(`App listening on ${running.baseUrl}; signed in ${enterprise.account} (enterprise) and ${bureau.account} (bureau reviewer)`);

    for (const section of SECTIONS) {
      if (options.sections.length > 0 && !options.sections.includes(section.name)) continue;
      if (section.name === 'queries' && !options.explain) continue;
      if (section.once && !first) continue;
      log(`\n— section ${section.name} —`);
      const ctx: BenchContext = {
        dbKind: kind,
        handle: bdb.handle,
        pgDatabase: kind === 'postgres' ? bdb.location : null,
        app: running.app,
        baseUrl: running.baseUrl,
        filesDir: running.filesDir,
        seed: s,
        users: { enterprise, bureau },
        options,
        previous: [...result.rows],
        log,
      };
      try {
        result.rows.push(...(await section.run(ctx)));
      } catch (err) {
        result.errors.push(`section ${section.name}: ${errText(err)}`);
        console.error(`!! section ${section.name} failed on ${dbLabel(kind)}: ${errText(err)}`);
      }
    }
  } catch (err) {
    result.errors.push(errText(err));
    console.error(`!! ${dbLabel(kind)} failed: ${errText(err)}`);
  } finally {
    if (running) await running.close().catch((err: unknown) => result.errors.push(`closing the app: ${errText(err)}`));
    if (bdb) await bdb.destroy().catch((err: unknown) => result.errors.push(`removing ${bdb?.location}: ${errText(err)}`));
  }
  log(`\n${dbLabel(kind)} — ${options.seconds} s per run, autocannon workers: ${options.workers}`);
  log(renderRows(kind, result.rows));
  return result;
}

async function main(): Promise<number> {
  const options = readOptions();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const cpus = os.cpus();
  const loadAtStart = os.loadavg();
  log(
    `Benchmark ${stamp}: ${options.databases.join(', ')}; ${options.seconds} s per run at ${options.connections.join('/')} connections` +
      `${options.quick ? ' (quick)' : ''}; node ${process.version}, ${cpus.length}× ${cpus[0]?.model ?? 'cpu'}; load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}`,
  );
  if ((loadAtStart[0] ?? 0) > cpus.length * 0.5) {
    console.warn(`!! The machine is busy (1-min load ${loadAtStart[0]?.toFixed(1)} on ${cpus.length} CPUs): absolute numbers will be low and noisy; compare ratios, or rerun when idle.`);
  }

  const databases: DatabaseResult[] = [];
  for (const [i, kind] of options.databases.entries()) databases.push(await benchDatabase(kind, options, i === 0));

  // Failures: errors, and any non-2xx answer or connection error during a measured run.
  const failures = databases.flatMap((d) => [
    ...d.errors.map((e) => `${dbLabel(d.kind)}: ${e.split('\n')[0]}`),
    ...d.rows
      .filter((r) => r.non2xx > 0 || r.errors > 0)
      .map((r) => `${dbLabel(d.kind)}: ${r.name}${r.connections === null ? '' : ` at ${r.connections} conn`}: ${r.non2xx} non-2xx, ${r.errors} errors${r.throughput === null && r.note ? ` (${r.note})` : ''}`),
  ]);

  // The issue's table, then every target of every section with MET / NOT MET, per database.
  const summaries = databases.map((d) => ({ kind: d.kind, ...renderSummary(d.kind, d.rows) }));
  for (const d of databases) {
    log(`\n══════ Summary: ${dbLabel(d.kind)}${options.cache ? '' : ' (response cache off: BENCH_CACHE=0)'} ══════`);
    log(renderIssueTable(d.kind, d.rows, options.connections));
    log('');
    log(summaries.find((s) => s.kind === d.kind)?.text ?? '');
  }
  const met = summaries.reduce((n, s) => n + s.met, 0);
  const total = summaries.reduce((n, s) => n + s.total, 0);
  log(
    `\nTargets: ${met} of ${total} met (${summaries.map((s) => `${dbLabel(s.kind)} ${s.met}/${s.total}`).join(', ')}). ` +
      'A missed target is reported, not a failure: the exit code is 1 only for errors and non-2xx answers.',
  );

  const file = await writeResults(path.join(path.dirname(fileURLToPath(import.meta.url)), 'results'), stamp, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    host: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpu: cpus[0]?.model ?? null, cpuCount: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAvgAtStart: loadAtStart, loadAvgAtEnd: os.loadavg() },
    options,
    targets: TARGETS,
    summary: summaries.map((s) => ({ database: s.kind, met: s.met, total: s.total })),
    databases,
    failures,
  });
  log(`\nResults written to ${path.relative(process.cwd(), file)}`);

  if (failures.length > 0) {
    console.error(`\nBENCHMARK FAILED — results of a benchmark with errors are worthless:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(errText(err));
    process.exit(1);
  },
);
