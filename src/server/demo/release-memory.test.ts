import { describe, expect, it } from 'vitest';
import { releaseMemory } from './release-memory';

describe('releaseMemory after the demo load', () => {
  it('collects what is no longer referenced and hands the heap back', async () => {
    let garbage: Array<{ i: number; s: string }> | null = Array.from({ length: 600_000 }, (_, i) => ({ i, s: `row ${i}` }));
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(600_000);
    garbage = null;
    expect(await releaseMemory()).toBe(true);
    const after = process.memoryUsage();
    expect(held - after.heapUsed).toBeGreaterThan(20 * 1024 * 1024);
    // The committed heap shrinks with it.
    expect(after.heapTotal - after.heapUsed).toBeLessThan(32 * 1024 * 1024);
  });
});
