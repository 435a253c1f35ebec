/**
 * A PostgreSQL server owned by one test: initdb into a temporary directory, on a free port, started and
 * stopped at will (outage tests). Uses Debian's server binaries; as root they run as the `postgres` user.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from './net';
import { tmpdir } from 'node:os';
import path from 'node:path';

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')) && existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

function postgresIds(): { uid: number; gid: number } | null {
  try {
    return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
  } catch {
    return null;
  }
}

/** Why an own server cannot be started here, or null when it can. */
export function ownPgUnavailableReason(): string | null {
  if (!binDir()) return 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin';
  if (process.getuid?.() === 0 && !postgresIds()) return 'running as root without a postgres OS user';
  return null;
}


export interface OwnPgServer {
  url: string;
  port: number;
  start(): void;
  /** `fast`: open connections are terminated (57P01), as in a restart. */
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

export async function startOwnPgServer(): Promise<OwnPgServer> {
  const bin = binDir();
  if (!bin) throw new Error('no PostgreSQL server binaries');
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? postgresIds() : null;
  const dir = mkdtempSync(path.join(tmpdir(), 'zs-pg-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const run = (tool: string, args: string[]): void => {
    const exe = path.join(bin, tool);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', exe, ...args], { stdio: 'pipe' });
    else execFileSync(exe, args, { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  let running = false;
  const server: OwnPgServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '20', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=30`, 'start']);
      running = true;
    },
    stop(mode = 'fast') {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '20', 'stop']);
      running = false;
    },
    destroy() {
      try {
        if (running) server.stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  server.start();
  return server;
}
