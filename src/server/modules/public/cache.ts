/**
 * A micro-cache for the public pages (备案公示, key figures): the same public answer is served for up to
 * PUBLIC_CACHE_MS (default 1 s) instead of being queried again for every visitor.
 *
 * - Single flight: while an answer is being loaded, concurrent requests for the same key wait for that one
 *   load instead of querying too (an expiring entry under load costs one query, not one per request).
 * - Invalidation: the change feed (cache/bus.ts) clears it on any project change (`p:…`) or `*` from any
 *   instance, and writes in this instance clear it at once; a load that raced a change is not kept.
 *   The TTL stays as the bound when no change feed listens. It holds only copies of public data.
 */
import type { CacheBus } from '../../cache/bus';

const MAX_ENTRIES = 1_000;

let ttlMs = 1_000;
/** Moves on every invalidation: a load that started before one is not stored. */
let generation = 0;
const entries = new Map<string, { at: number; value: unknown }>();
const inFlight = new Map<string, { generation: number; promise: Promise<unknown> }>();

export function setPublicCacheTtl(ms: number): void {
  ttlMs = ms;
  invalidatePublicCache();
}

export async function cachedPublic<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (ttlMs <= 0) return load();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as T;
  const running = inFlight.get(key);
  if (running && running.generation === generation) return running.promise as Promise<T>;
  const startedAt = generation;
  const promise = load();
  const flight = { generation: startedAt, promise: promise as Promise<unknown> };
  inFlight.set(key, flight);
  try {
    const value = await promise;
    if (generation === startedAt) {
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { at: Date.now(), value });
    }
    return value;
  } finally {
    if (inFlight.get(key) === flight) inFlight.delete(key);
  }
}

/** Called by every write that can change what the public pages show, and by the change feed. */
export function invalidatePublicCache(): void {
  generation++;
  entries.clear();
  inFlight.clear();
}

const attached = new WeakSet<CacheBus>();

/** The public pages show projects (and organisations, announcements: `*`); user-only changes leave them. */
export function attachPublicCache(bus: CacheBus): void {
  if (attached.has(bus)) return;
  attached.add(bus);
  bus.subscribe((tag) => {
    if (!tag.startsWith('u:')) invalidatePublicCache();
  });
}
