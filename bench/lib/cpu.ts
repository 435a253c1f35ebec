/**
 * CPU time actually spent, read from /proc (Linux): by this process's main thread (the server:
 * Fastify and, with PGlite, the database too) and by the PostgreSQL backends serving the benchmark
 * database. Per request, these numbers barely move when other programs compete for the CPU, unlike
 * req/s and latencies, so they tell what an endpoint costs on a busy machine too.
 * Elsewhere than Linux every reading is null.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a /proc stat file, in ms; null when unreadable. */
function statCpuMs(file: string): number | null {
  try {
    const text = readFileSync(file, 'utf8');
    // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : null;
  } catch {
    return null;
  }
}

/** CPU ms of this process's main thread (the thread that runs the app's event loop). */
export function mainThreadCpuMs(): number | null {
  if (process.platform !== 'linux') return null;
  return statCpuMs(`/proc/${process.pid}/task/${process.pid}/stat`);
}

/** CPU ms per backend process of the named PostgreSQL database on this machine, by pid. */
export function postgresBackendsCpuMs(database: string): Map<number, number> {
  const out = new Map<number, number>();
  if (process.platform !== 'linux') return out;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      // A backend's title: "postgres: <user> <database> <client> <state>".
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.split(' ').includes(database)) continue;
      const ms = statCpuMs(`/proc/${pid}/stat`);
      if (ms !== null) out.set(Number(pid), ms);
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

export interface CpuSample {
  appMs: number | null;
  db: Map<number, number>;
}

export function sampleCpu(pgDatabase: string | null): CpuSample {
  return { appMs: mainThreadCpuMs(), db: pgDatabase ? postgresBackendsCpuMs(pgDatabase) : new Map() };
}

/** CPU ms spent between two samples: app main thread, and PostgreSQL backends (new backends count from 0). */
export function cpuBetween(before: CpuSample, after: CpuSample, pg: boolean): { appMs: number | null; dbMs: number | null } {
  const appMs = before.appMs !== null && after.appMs !== null ? after.appMs - before.appMs : null;
  if (!pg || process.platform !== 'linux') return { appMs, dbMs: null };
  let dbMs = 0;
  for (const [pid, ms] of after.db) dbMs += ms - (before.db.get(pid) ?? 0);
  return { appMs, dbMs };
}
