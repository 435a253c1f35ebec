/**
 * The invalidation bus of one database handle: the change feed (PostgreSQL LISTEN on `zs_changes`, filled by
 * the triggers of migration 0009) drives every cache of the instance.
 *
 * - A generation counter moves on every message and whenever the feed is lost or regained. A read stores its
 *   result only if the generation has not moved since it started, so a read racing a write never keeps a
 *   stale answer.
 * - Tags: `p:<id>` drops the entries tagged `p:<id>` and those tagged `p:*` (they depend on any project);
 *   `u:<id>` likewise with `u:*`, and the user's cached sessions; `*` drops everything.
 * - While the feed is not listening, caches are bypassed (and emptied when it is lost and when it returns).
 * - Entries also expire after CACHE_TTL_MS: the bound for answers that change with the clock alone
 *   (overdue, days left). Data changes reach every instance as fast as PostgreSQL delivers notifications.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { listenerName, type AppDb, type DbHandle } from '../../db/client';
import { CHANGE_CHANNEL } from './tables';

/** `p:<id>`, `u:<id>`, their wildcards `p:*` / `u:*` (entry side only), or `*`. */
export type Tag = string;

export const ALL: Tag = '*';
/** Barrier messages: `s:<nonce>`, sent by an instance to know every instance's feed has caught up; not a change. */
const BARRIER_PREFIX = 's:';
/** `k:<nonce>`: another instance has received barrier `s:<nonce>` (and so every message committed before it). */
const ACK_PREFIX = 'k:';
/** How long a write waits at most for its barrier to come back and be acknowledged. */
export const BARRIER_WAIT_MS = 500;

/** The entry tags a message drops: the tag itself and the wildcard of its kind. */
export function droppedBy(tag: Tag): readonly Tag[] | null {
  if (tag === ALL) return null;
  const colon = tag.indexOf(':');
  if (colon <= 0) return null;
  return [tag, `${tag.slice(0, colon)}:*`];
}

/**
 * A bounded map of entries with tags and a TTL. Least recently used entries go first when it is full.
 * The owner decides when an entry may be stored (see CacheBus.mayStore).
 */
export class TaggedCache<V> {
  private readonly entries = new Map<string, { value: V; at: number; tags: readonly Tag[] }>();
  private readonly byTag = new Map<Tag, Set<string>>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: () => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.at >= this.ttlMs()) {
      this.delete(key);
      return undefined;
    }
    // Least recently used order: a hit moves to the end.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: V, tags: readonly Tag[], now = Date.now()): void {
    this.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    this.entries.set(key, { value, at: now, tags });
    for (const t of tags) {
      let keys = this.byTag.get(t);
      if (!keys) this.byTag.set(t, (keys = new Set()));
      keys.add(key);
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    for (const t of e.tags) {
      const keys = this.byTag.get(t);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(t);
    }
  }

  /** Drops what a change message names (see droppedBy). */
  invalidate(tag: Tag): void {
    const tags = droppedBy(tag);
    if (!tags) {
      this.clear();
      return;
    }
    for (const t of tags) {
      const keys = this.byTag.get(t);
      if (!keys) continue;
      for (const k of [...keys]) this.delete(k);
    }
  }

  clear(): void {
    this.entries.clear();
    this.byTag.clear();
  }
}

export interface CacheBusOptions {
  /** CACHE_TTL_MS: how long an entry lives; 0 turns every cache of this handle off. */
  ttlMs: number;
}

export class CacheBus {
  /** Moves on every change message, local invalidation and feed loss / return. */
  generation = 0;
  /** True while the change feed listens; caches are bypassed otherwise. */
  listening = false;
  ttlMs: number;
  private readonly subscribers = new Set<(tag: Tag) => void>();
  /** This instance's barriers in flight: the marker came back / another instance acknowledged / give up. */
  private readonly barriers = new Map<string, { back(): void; ack(): void; release(): void }>();
  /** Sends a message on the feed (set once the feed is started: acknowledgements go through it). */
  private send: ((payload: string) => Promise<unknown>) | null = null;

  constructor(options: CacheBusOptions) {
    this.ttlMs = options.ttlMs;
  }

  /** How this bus acknowledges other instances' barriers (feedSender of its database). */
  attach(send: (payload: string) => Promise<unknown>): void {
    this.send = send;
  }

  /** Whether a read may use or fill a cache right now. */
  get enabled(): boolean {
    return this.listening && this.ttlMs > 0;
  }

  /** A read that started at `startedAt` (a generation) may store its answer. */
  mayStore(startedAt: number): boolean {
    return this.enabled && this.generation === startedAt;
  }

  /** Every cache of the instance subscribes; `*` is sent on a reset. Returns the unsubscribe. */
  subscribe(onTag: (tag: Tag) => void): () => void {
    this.subscribers.add(onTag);
    return () => this.subscribers.delete(onTag);
  }

  /** A message from the change feed. */
  receive(payload: string): void {
    if (payload.startsWith(BARRIER_PREFIX)) {
      const own = this.barriers.get(payload);
      if (own) own.back();
      // Another instance's barrier: every message before it has been handled here; say so.
      else this.send?.(`${ACK_PREFIX}${payload.slice(BARRIER_PREFIX.length)}`).catch(() => undefined);
      return;
    }
    if (payload.startsWith(ACK_PREFIX)) {
      this.barriers.get(`${BARRIER_PREFIX}${payload.slice(ACK_PREFIX.length)}`)?.ack();
      return;
    }
    this.generation++;
    for (const s of this.subscribers) s(payload);
  }

  /** The instance's own write, dropped at once without waiting for the feed's echo. */
  invalidate(tags: readonly Tag[]): void {
    this.generation++;
    for (const t of tags) for (const s of this.subscribers) s(t);
  }

  /** The feed was lost (caches bypassed) or listens again: everything is dropped either way. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.generation++;
    for (const s of this.subscribers) s(ALL);
    if (!listening) for (const b of [...this.barriers.values()]) b.release();
  }

  /**
   * Waits (at most BARRIER_WAIT_MS) until every instance has handled every notification committed before now:
   * a marker goes through the same channel (PostgreSQL delivers in commit order on each connection), each other
   * instance acknowledges it once its listener has passed it, and the number of instances is the number of
   * listening connections (pg_stat_activity, by application_name) counted in the same statement. So when this
   * returns, a sign-out or a deactivation is refused on every instance, not only delivered to it.
   */
  async barrier(db: AppDb): Promise<void> {
    if (!this.listening) return;
    const marker = `${BARRIER_PREFIX}${randomBytes(8).toString('hex')}`;
    let timer: NodeJS.Timeout | undefined;
    let expected = Number.POSITIVE_INFINITY;
    let back = false;
    let acks = 0;
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      settle = () => {
        if (back && acks >= expected) resolve();
      };
      this.barriers.set(marker, {
        back: () => {
          back = true;
          settle();
        },
        ack: () => {
          acks++;
          settle();
        },
        release: resolve,
      });
      timer = setTimeout(resolve, BARRIER_WAIT_MS);
    });
    try {
      const r = await db.execute<{ listeners: number }>(
        sql`select pg_notify(${CHANGE_CHANNEL}, ${marker}), (select count(*)::int from pg_stat_activity where datname = current_database() and application_name = ${listenerName(CHANGE_CHANNEL)}) as listeners`,
      );
      // This instance's own listener is one of them.
      expected = Math.max(0, (r.rows[0]?.listeners ?? 1) - 1);
      settle();
      await done;
    } catch {
      // The database went away: the feed is lost as well and every cache is bypassed until it returns.
    } finally {
      clearTimeout(timer);
      this.barriers.delete(marker);
    }
  }
}

/** Sends a message on the change feed through `db`. */
export function feedSender(db: AppDb): (payload: string) => Promise<unknown> {
  return (payload) => db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${payload})`);
}

/** One bus per database handle (two apps on one handle share it; each handle has its own listener). */
const buses = new WeakMap<AppDb, CacheBus>();

const started = new WeakSet<CacheBus>();

/** The bus of a database, once an app started it (no bus: nothing is cached). */
export function cacheBusOf(db: AppDb): CacheBus | undefined {
  return buses.get(db);
}

/** Starts (once per handle) the change feed and returns the handle's bus. */
export async function startCacheBus(handle: DbHandle, options: CacheBusOptions): Promise<CacheBus> {
  let bus = buses.get(handle.db);
  if (!bus) {
    bus = new CacheBus(options);
    buses.set(handle.db, bus);
  }
  bus.ttlMs = options.ttlMs;
  if (options.ttlMs > 0 && !started.has(bus)) {
    started.add(bus);
    const b = bus;
    b.attach(feedSender(handle.db));
    await handle.listen(
      CHANGE_CHANNEL,
      (payload) => b.receive(payload),
      (listening) => b.setListening(listening),
    );
  }
  return bus;
}

/** CACHE_TTL_MS from the environment (default 10 s; 0 turns the caches off). */
export function cacheTtlFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CACHE_TTL_MS;
  if (raw === undefined || raw.trim() === '') return 10_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`CACHE_TTL_MS must be a whole number of milliseconds ≥ 0, got "${raw}"`);
  return n;
}
