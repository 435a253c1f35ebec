import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { organizations, sessions, users } from '../../../db/schema';
import type { AppDb, DbOrTx } from '../../../db/client';
import { baseActorRole, type BureauRole, type MemberRole, type OrgType } from '../../../core/identity/roles';
import type { Actor } from '../../http/actor';
import { cacheBusOf, TaggedCache, type CacheBus } from '../../cache/bus';

export const SESSION_COOKIE = 'zs_sid';
export const CSRF_COOKIE = 'zs_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: DbOrTx, userId: string, hours: number): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db.insert(sessions).values({ id: sha256(token), userId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
}

function sessionQuery(db: DbOrTx) {
  return db
    .select({
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      name: users.name,
      memberRole: users.memberRole,
      bureauRole: users.bureauRole,
      userActive: users.active,
      mustChangePassword: users.mustChangePassword,
      orgId: organizations.id,
      orgName: organizations.name,
      orgType: organizations.type,
      townCode: organizations.townCode,
      orgActive: organizations.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('resolve_session');
}

/** The session lookup runs on every signed-in request: prepared once per database handle (planned once by the server). */
const prepared = new WeakMap<object, ReturnType<typeof sessionQuery>>();

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];

/** How many sessions an instance keeps in memory (least recently used go first). */
const SESSION_CACHE_ENTRIES = 20_000;
/** How often `last_seen_at` is moved forward. */
const LAST_SEEN_SLIDE_MS = 5 * 60_000;

/**
 * Resolved sessions in memory, keyed by the token's sha256 and tagged `u:<user id>`: the change feed drops
 * them on every instance when the user's row or sessions change (sign-out, password change, deactivation,
 * role change) and all of them when an organisation changes (`*`).
 */
const sessionCaches = new WeakMap<CacheBus, TaggedCache<SessionRow>>();

function sessionCacheOf(bus: CacheBus): TaggedCache<SessionRow> {
  let cache = sessionCaches.get(bus);
  if (!cache) {
    const c = new TaggedCache<SessionRow>(SESSION_CACHE_ENTRIES, () => bus.ttlMs);
    bus.subscribe((tag) => c.invalidate(tag));
    sessionCaches.set(bus, c);
    cache = c;
  }
  return cache;
}

/**
 * Looks the session up with its user and organisation (memory first, then one prepared query); slides
 * `last_seen_at` at most every 5 minutes.
 */
export async function resolveSession(db: AppDb, token: string): Promise<ResolvedSession | null> {
  const id = sha256(token);
  const now = new Date();
  const bus = cacheBusOf(db);
  const cache = bus?.enabled ? sessionCacheOf(bus) : undefined;
  let row = cache?.get(id, now.getTime());
  if (row && row.expiresAt <= now) {
    cache?.delete(id);
    row = undefined;
  }
  if (!row) {
    const startedAt = bus?.generation ?? 0;
    let q = prepared.get(db);
    if (!q) {
      q = sessionQuery(db);
      prepared.set(db, q);
    }
    const rows = await q.execute({ id, now });
    row = rows[0];
    if (!row) return null;
    if (cache && bus?.mayStore(startedAt) && row.userActive && row.orgActive) cache.set(id, row, [`u:${row.userId}`]);
  }
  if (!row.userActive || !row.orgActive) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_SLIDE_MS) {
    // The cached copy moves too, so concurrent requests do not repeat the update; the update's `u:` message
    // then drops it everywhere.
    row.lastSeenAt = now;
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
  }
  const actor = actorOf(row);
  if (row.mustChangePassword) mustChangePassword.add(actor);
  return { sessionId: id, csrfToken: row.csrfToken, actor };
}

/** The columns of a member and its organisation an actor is made of. */
export interface ActorRow {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  orgType: string;
  townCode: string | null;
  memberRole: string;
  bureauRole: string | null;
}

/** Who a member is when acting: the one way an `Actor` is made (sessions, and the platform acting as a user). */
export function actorOf(row: ActorRow): Actor {
  const orgType = row.orgType as OrgType;
  const bureauRole = (row.bureauRole as BureauRole | null) ?? null;
  return {
    userId: row.userId,
    name: row.name,
    orgId: row.orgId,
    orgName: row.orgName,
    orgType,
    townCode: row.townCode,
    memberRole: row.memberRole as MemberRole,
    bureauRole,
    role: baseActorRole(orgType, bureauRole),
  };
}

/** Actors (one per request) whose user signed in with a temporary password and has not changed it yet. */
const mustChangePassword = new WeakSet<Actor>();

export function passwordChangeRequired(actor: Actor | null): boolean {
  return actor !== null && mustChangePassword.has(actor);
}

export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

/** This instance's own write changed what a user's sessions resolve to: drop them now, before the feed's echo. */
export function forgetUserSessions(db: AppDb, userId: string): void {
  cacheBusOf(db)?.invalidate([`u:${userId}`]);
}
