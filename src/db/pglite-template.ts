/**
 * A new embedded database starts from a copy of an already migrated one instead of running initdb and every
 * migration (seconds of WebAssembly work): the copy is a PGlite data directory in a cache directory, under a name
 * that changes with the migrations and the PGlite version, copied with the file system's own copy. The first new
 * database made without a copy writes one right after its migrations, before anything else is stored in it, from
 * the cluster shut down cleanly (so a copy starts without crash recovery).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The installed PGlite's version (its package.json is not exported: found up from its entry point). */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 5; i++) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

/** The cached data directory for these migrations and this PGlite version. */
export function templateDir(cacheDir: string, migrationsFolder: string): string {
  const hash = createHash('sha256');
  hash.update(`pglite ${pgliteVersion()}\n`);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(migrationsFolder, full)}\0`).update(readFileSync(full));
    }
  };
  walk(migrationsFolder);
  return path.join(cacheDir, `pglite-migrated-${hash.digest('hex').slice(0, 16)}`);
}

/** Whether PGlite has made a cluster in this directory already. */
export function clusterExists(pgdata: string): boolean {
  return existsSync(path.join(pgdata, 'PG_VERSION'));
}

/** Copies the cached data directory into a new one; false when there is none or it cannot be copied (then nothing is left). */
export function copyTemplate(template: string, pgdata: string): boolean {
  if (!clusterExists(template)) return false;
  try {
    cpSync(template, pgdata, { recursive: true });
    return true;
  } catch {
    rmSync(pgdata, { recursive: true, force: true });
    return false;
  }
}

/**
 * Stores a copy of a freshly migrated data directory (best effort: a cache). The caller has shut the cluster down;
 * copied under a temporary name, then renamed, so a reader never sees half a copy.
 */
export function writeTemplate(pgdata: string, template: string): void {
  const tmp = `${template}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(template), { recursive: true });
    cpSync(pgdata, tmp, { recursive: true });
    renameSync(tmp, template);
  } catch {
    // Without the copy the next new database runs the migrations itself.
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A copy PGlite could not start from is removed, and so is what was copied from it. */
export function discardTemplate(template: string, pgdata: string): void {
  rmSync(template, { recursive: true, force: true });
  rmSync(pgdata, { recursive: true, force: true });
}
