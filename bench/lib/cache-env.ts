/**
 * BENCH_CACHE=0: the app under test runs with its response cache off (CACHE_TTL_MS=0), so the uncached path is
 * measured. Imported first by run.ts, before any module of the app reads its configuration.
 */
export const benchCacheOn = process.env.BENCH_CACHE !== '0';
if (!benchCacheOn) process.env.CACHE_TTL_MS = '0';
