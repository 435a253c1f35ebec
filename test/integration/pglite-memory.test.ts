/**
 * The embedded database runs with a 16 MB buffer pool instead of PGlite's built-in 128 MB (src/db/pglite-module.ts),
 * or the size PGLITE_SHARED_BUFFERS_MB asks for; a size out of range stops the start with a clear message.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../src/db/client';
import { loadConfig } from '../../src/server/config';
import { TEST_DB_KIND } from '../support/db';

const opened: DbHandle[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
  delete process.env.PGLITE_SHARED_BUFFERS_MB;
});

async function sharedBuffers(h: DbHandle): Promise<string> {
  const r = await h.db.execute<{ shared_buffers: string }>(sql`show shared_buffers`);
  return r.rows[0]!.shared_buffers;
}

describe.skipIf(TEST_DB_KIND !== 'pglite')('the embedded database buffer pool', () => {
  it('is 16 MB by default and the size asked for otherwise', async () => {
    const small = await openDb({ dataDir: 'memory://' });
    opened.push(small);
    expect(small.sharedBuffersMb).toBe(16);
    expect(await sharedBuffers(small)).toBe('16MB');
    const other = await openDb({ dataDir: 'memory://', sharedBuffersMb: 32 });
    opened.push(other);
    expect(other.sharedBuffersMb).toBe(32);
    expect(await sharedBuffers(other)).toBe('32MB');
  });
});

describe('PGLITE_SHARED_BUFFERS_MB', () => {
  it('defaults to 16, takes 1–128 and refuses anything else by name', () => {
    expect(loadConfig().pgliteSharedBuffersMb).toBe(16);
    process.env.PGLITE_SHARED_BUFFERS_MB = '64';
    expect(loadConfig().pgliteSharedBuffersMb).toBe(64);
    for (const bad of ['0', '129', 'lots']) {
      process.env.PGLITE_SHARED_BUFFERS_MB = bad;
      expect(() => loadConfig()).toThrow(/PGLITE_SHARED_BUFFERS_MB/);
    }
  });
});
