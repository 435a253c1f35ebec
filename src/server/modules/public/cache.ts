/**
 * A micro-cache for the public pages (备案公示, key figures): the same public answer is served for up to
 * PUBLIC_CACHE_MS (default 1 s) instead of being queried again for every visitor. Any project write in this
 * instance clears it at once; another instance's write shows here within the TTL. It holds only copies of
 * public data: nothing is lost when it is dropped.
 */
const MAX_ENTRIES = 1_000;

let ttlMs = 1_000;
const entries = new Map<string, { at: number; value: unknown }>();

export function setPublicCacheTtl(ms: number): void {
  ttlMs = ms;
  entries.clear();
}

export async function cachedPublic<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (ttlMs <= 0) return load();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as T;
  const value = await load();
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, { at: now, value });
  return value;
}

/** Called by every write that can change what the public pages show. */
export function invalidatePublicCache(): void {
  entries.clear();
}
