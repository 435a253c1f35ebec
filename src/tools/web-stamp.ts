/**
 * The web app's build stamp: a SHA-256 over every file a build of dist/web depends on, written into
 * dist/web/.build-stamp.json (a dotfile: never served) after a build, so `npm start` can skip `vite build` when nothing changed.
 *
 * The inputs are the fixed files (index.html, vite.config.ts, package.json, package-lock.json, tsconfig.json),
 * every file under src/web, and every source file the last build bundled (the modules it pulled in from
 * src/core, src/server, src/contract…, as the bundler reported them). A change to any of them — or a new
 * file under src/web, or a bundled file removed — changes the hash. A new file elsewhere can only enter the
 * bundle through an import in a file already hashed, which changes that file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const STAMP_FILE = '.build-stamp.json';
export const STAMP_VERSION = 1;
/** Files outside src/web every build depends on (relative to the repository root). */
export const FIXED_INPUTS = ['index.html', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'] as const;
export const WEB_SOURCE_DIR = 'src/web';

export interface BuildStamp {
  version: number;
  hash: string;
  /** Source files (relative, '/'-separated) the build bundled, outside src/web and node_modules. */
  bundled: string[];
  builtAt: string;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Every file under `dir` (relative to `root`), sorted; an absent directory has none. */
export function listFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk(toPosix(dir));
  return out.sort();
}

/**
 * The bundled module ids that count as inputs: files of the repository outside node_modules and src/web
 * (those are hashed anyway), without the bundler's query suffixes and virtual modules.
 */
export function bundledInputs(root: string, moduleIds: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const id of moduleIds) {
    if (id.startsWith('\0')) continue;
    const file = id.split('?')[0] ?? '';
    if (!path.isAbsolute(file)) continue;
    const rel = toPosix(path.relative(root, file));
    if (rel.startsWith('..') || rel.split('/').includes('node_modules')) continue;
    if (rel === WEB_SOURCE_DIR || rel.startsWith(`${WEB_SOURCE_DIR}/`)) continue;
    set.add(rel);
  }
  return [...set].sort();
}

/** The input set: fixed files, src/web, and the given bundled files, sorted and without duplicates. */
export function inputFiles(root: string, bundled: readonly string[]): string[] {
  return [...new Set([...FIXED_INPUTS, ...listFiles(root, WEB_SOURCE_DIR), ...bundled])].sort();
}

/** SHA-256 over each input's path and content; a missing file counts as such (so removing one changes the hash). */
export function hashInputs(root: string, files: readonly string[]): string {
  const h = createHash('sha256');
  h.update(`zssz-web-stamp ${STAMP_VERSION}\n`);
  for (const rel of files) {
    const abs = path.join(root, rel);
    h.update(`${rel}\n`);
    if (existsSync(abs) && statSync(abs).isFile()) {
      const content = readFileSync(abs);
      h.update(`${content.length}\n`);
      h.update(content);
    } else {
      h.update('missing\n');
    }
  }
  return h.digest('hex');
}

export function makeStamp(root: string, moduleIds: Iterable<string>, now = new Date()): BuildStamp {
  const bundled = bundledInputs(root, moduleIds);
  return { version: STAMP_VERSION, hash: hashInputs(root, inputFiles(root, bundled)), bundled, builtAt: now.toISOString() };
}

export function readStamp(outDir: string): BuildStamp | null {
  const file = path.join(outDir, STAMP_FILE);
  if (!existsSync(file)) return null;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildStamp>;
    if (raw.version !== STAMP_VERSION || typeof raw.hash !== 'string' || !Array.isArray(raw.bundled)) return null;
    if (!raw.bundled.every((f): f is string => typeof f === 'string')) return null;
    return { version: raw.version, hash: raw.hash, bundled: raw.bundled, builtAt: String(raw.builtAt ?? '') };
  } catch {
    return null;
  }
}

export type StampVerdict =
  | { upToDate: true; hash: string }
  | { upToDate: false; reason: 'no build' | 'no stamp' | 'changed'; hash: string | null };

/** Whether dist/web is a build of the current sources. */
export function checkStamp(root: string, outDir: string): StampVerdict {
  if (!existsSync(path.join(outDir, 'index.html'))) return { upToDate: false, reason: 'no build', hash: null };
  const stamp = readStamp(outDir);
  if (!stamp) return { upToDate: false, reason: 'no stamp', hash: null };
  const hash = hashInputs(root, inputFiles(root, stamp.bundled));
  return hash === stamp.hash ? { upToDate: true, hash } : { upToDate: false, reason: 'changed', hash };
}
