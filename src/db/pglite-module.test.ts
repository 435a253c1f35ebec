import { describe, expect, it } from 'vitest';
import { SHARED_BUFFERS_MB, withSharedBuffers } from './pglite-module';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const dec = (b: Uint8Array) => Buffer.from(b).toString('latin1');
/** A module's data segment in miniature: C strings side by side, as PGlite's start parameters are stored. */
const segment = enc('temp_buffers=8MB\0shared_buffers=128MB\0wal_buffers=4MB\0');

describe('the embedded database module with a smaller buffer pool', () => {
  it('replaces the built-in 128MB in place, padded with NUL bytes, the neighbours untouched', () => {
    const out = withSharedBuffers(segment, 16);
    expect(out).not.toBeNull();
    expect(out!.length).toBe(segment.length);
    expect(dec(out!)).toBe('temp_buffers=8MB\0shared_buffers=16MB\0\0wal_buffers=4MB\0');
    expect(dec(segment)).toContain('shared_buffers=128MB'); // the input is not changed
  });

  it('fits every size from 1 to 128 MB and refuses the others', () => {
    expect(dec(withSharedBuffers(segment, 1)!)).toContain('shared_buffers=1MB\0\0\0wal');
    expect(dec(withSharedBuffers(segment, SHARED_BUFFERS_MB.max)!)).toBe(dec(segment));
    for (const bad of [0, -4, 129, 1000, 2.5, Number.NaN]) expect(withSharedBuffers(segment, bad)).toBeNull();
  });

  it('leaves the module alone when the parameter is missing, found twice, or only a prefix of another', () => {
    expect(withSharedBuffers(enc('work_mem=4MB\0'), 16)).toBeNull();
    expect(withSharedBuffers(enc('shared_buffers=128MB\0shared_buffers=128MB\0'), 16)).toBeNull();
    expect(withSharedBuffers(enc('shared_buffers=128MBx\0'), 16)).toBeNull();
  });
});
