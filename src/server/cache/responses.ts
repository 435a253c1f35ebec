/**
 * The response cache: signed-in GET reads that a route opts into (`config: { cache: … }`) are kept as the
 * serialised answer and served again, right after the session is resolved, without validation, handler,
 * serialisation or database. Only 200 answers are kept.
 *
 * - Key: the full URL (path and query) + the session (its id: answers such as /auth/me carry the session's
 *   CSRF token; the session also fixes the actor) + the locale: the only request inputs such a handler reads.
 * - Tags: the route's own (cacheRead: `p:*`) and always `u:<actor>`. The change feed drops them on every instance (see bus.ts); the actor's own writes drop the
 *   actor's entries at once on this instance.
 * - Actors who must change a temporary password first are never served from or stored into it (the gate
 *   would refuse them).
 * - `x-cache: hit | miss` tells which one answered.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { passwordChangeRequired } from '../modules/auth/sessions';
import { TaggedCache, type CacheBus, type Tag } from './bus';

export interface RouteCache {
  /** The tags the answer depends on besides the actor's own `u:<id>`. */
  tags(req: FastifyRequest): readonly Tag[];
  /** A public page: the same answer for everybody, signed in or not — kept once per URL and locale. */
  public?: true;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A signed-in GET read whose 200 answers may be served from the response cache. */
    cache?: RouteCache;
  }
}

/**
 * The one kind of cached read: kept per actor, dropped by any project change (`p:…`, which covers every
 * project-scoped table), by the actor's own `u:` and by `*` (organisations, catalogue, policies, budget,
 * announcements, calendar …). Other users' rows appear in these answers only through columns whose change
 * sends `*` (see tables.ts, USER_PRIVATE_COLUMNS).
 */
export const cacheRead: RouteCache = { tags: () => ['p:*'] };

/**
 * A public read (备案公示, announcements, benchmarks, the catalog, open-data pages): its answer depends on no
 * session, so one copy per URL and locale serves every visitor; dropped like cacheRead by the feed, and a day
 * boundary (announcement windows) is within CACHE_TTL_MS.
 */
export const cachePublicRead: RouteCache = { tags: () => ['p:*'], public: true };

interface Stored {
  /** The answer's UTF-8 bytes, encoded once when stored (a hit writes them as they are). */
  body: Buffer;
  contentType: string;
}

interface Pending {
  key: string;
  startedAt: number;
  tags: readonly Tag[];
}

/** How many answers an instance keeps (least recently used go first). */
const RESPONSE_CACHE_ENTRIES = 5_000;
/** Larger answers are not kept (memory stays small). */
const MAX_BODY_CHARS = 512 * 1024;

export class ResponseCache {
  private readonly entries: TaggedCache<Stored>;
  private readonly pending = new WeakMap<FastifyRequest, Pending>();

  constructor(private readonly bus: CacheBus) {
    this.entries = new TaggedCache<Stored>(RESPONSE_CACHE_ENTRIES, () => bus.ttlMs);
    bus.subscribe((tag) => this.entries.invalidate(tag));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Called once the session is resolved: true when the answer was sent from the cache. */
  serve(req: FastifyRequest, reply: FastifyReply): boolean {
    const route = req.routeOptions.config.cache;
    if (!route || req.method !== 'GET' || !this.bus.enabled) return false;
    if (route.public) return this.serveKey(req, reply, `public\u0000${req.locale}\u0000${req.url}`, route.tags(req));
    const actor = req.actor;
    if (!actor || !req.sessionId || passwordChangeRequired(actor)) return false;
    return this.serveKey(req, reply, `${req.sessionId}\u0000${req.locale}\u0000${req.url}`, [...route.tags(req), `u:${actor.userId}`]);
  }

  private serveKey(req: FastifyRequest, reply: FastifyReply, key: string, tags: readonly Tag[]): boolean {
    const hit = this.entries.get(key);
    if (hit) {
      void reply.header('content-type', hit.contentType).header('x-cache', 'hit').send(hit.body);
      return true;
    }
    this.pending.set(req, { key, startedAt: this.bus.generation, tags });
    return false;
  }

  /** Called in onSend: keeps a 200 answer if nothing changed while it was made. */
  store(req: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    const p = this.pending.get(req);
    if (!p) return;
    this.pending.delete(req);
    void reply.header('x-cache', 'miss');
    if (reply.statusCode !== 200 || typeof payload !== 'string' || payload.length > MAX_BODY_CHARS) return;
    const contentType = reply.getHeader('content-type');
    if (typeof contentType !== 'string' || !contentType.includes('json')) return;
    if (!this.bus.mayStore(p.startedAt)) return;
    this.entries.set(p.key, { body: Buffer.from(payload, 'utf8'), contentType }, p.tags);
  }
}
