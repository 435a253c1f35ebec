/**
 * The embedded database's WebAssembly module, compiled once per process with a smaller buffer pool.
 *
 * PGlite 0.3 starts PostgreSQL with start parameters written into its module (`shared_buffers=128MB` among them;
 * a `postgresql.conf` or `ALTER SYSTEM` value loses to them) and has no option to change them. PostgreSQL fills its
 * buffer pool at start, so those 128 MB are resident memory from the first second — for a database of a few tens
 * of MB that the operating system's file cache holds anyway. The module is compiled here from PGlite's own file
 * with that one parameter replaced (same length, padded with NUL bytes: the parameter is a C string) and handed
 * to PGlite as its `wasmModule`. When the parameter is not found exactly once (another PGlite version), PGlite's
 * module is used unchanged (`sharedBuffersMb: null`, logged at start); a test checks `SHOW shared_buffers`.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The start parameter as PGlite 0.3.16 writes it into its module. */
const BUILT_IN = 'shared_buffers=128MB';

/** The sizes that fit the built-in parameter's place (`1MB` … `128MB`). */
export const SHARED_BUFFERS_MB = { min: 1, max: 128, default: 16 } as const;

export interface PgliteModule {
  module: WebAssembly.Module;
  /** The shared_buffers (MB) the module starts with; null when the built-in value could not be replaced. */
  sharedBuffersMb: number | null;
}

/**
 * The module's bytes with the built-in shared_buffers replaced by `mb` megabytes, or null when the parameter is
 * not there exactly once or `mb` is out of range. Pure; exported for the unit test.
 */
export function withSharedBuffers(bytes: Uint8Array, mb: number): Uint8Array<ArrayBuffer> | null {
  if (!Number.isInteger(mb) || mb < SHARED_BUFFERS_MB.min || mb > SHARED_BUFFERS_MB.max) return null;
  const from = Buffer.from(`${BUILT_IN}\0`, 'latin1');
  const to = Buffer.from(`shared_buffers=${mb}MB`, 'latin1');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buf.indexOf(from);
  if (at < 0 || buf.indexOf(from, at + 1) >= 0) return null;
  const out = new Uint8Array(buf.length);
  out.set(buf);
  out.fill(0, at, at + BUILT_IN.length);
  out.set(to, at);
  return out;
}

const compiled = new Map<number, Promise<PgliteModule>>();

/** PGlite's module starting with `mb` MB of shared buffers, compiled once per process and size. */
export function pgliteModule(mb: number = SHARED_BUFFERS_MB.default): Promise<PgliteModule> {
  let entry = compiled.get(mb);
  if (!entry) {
    entry = (async () => {
      const require = createRequire(import.meta.url);
      const file = path.join(path.dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm');
      const bytes = new Uint8Array(await readFile(file));
      const patched = withSharedBuffers(bytes, mb);
      return { module: await WebAssembly.compile(patched ?? bytes), sharedBuffersMb: patched ? mb : null };
    })();
    compiled.set(mb, entry);
  }
  return entry;
}
