/**
 * One closed-loop load run with autocannon (programmatic API) and the numbers the report needs.
 * By default autocannon runs in one worker thread, so the load generator does not share the
 * event loop of the server it measures (the app listens in this process's main thread).
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  workers: number;
  title?: string;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Mean of the per-second samples of completed requests. */
  reqPerSec: number;
  /** Latency percentiles of 2xx responses, milliseconds (autocannon's resolution is 1 ms). */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url: opts.url,
    headers: opts.headers ?? {},
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    ...(opts.workers > 0 ? { workers: opts.workers } : {}),
    ...(opts.title ? { title: opts.title } : {}),
  });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]));
  return {
    connections: opts.connections,
    seconds: opts.seconds,
    reqPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    meanMs: r.latency.average,
    maxMs: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}
