import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { organizations, sessions, users } from '../../../db/schema';
import type { AppDb, DbOrTx } from '../../../db/client';
import { baseActorRole, type BureauRole, type MemberRole, type OrgType } from '../../../core/identity/roles';
import type { Actor } from '../../http/actor';

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

/** Looks the session up with its user and organisation in one query; slides `last_seen_at` at most every 5 minutes. */
export async function resolveSession(db: AppDb, token: string): Promise<ResolvedSession | null> {
  const id = sha256(token);
  const now = new Date();
  let q = prepared.get(db);
  if (!q) {
    q = sessionQuery(db);
    prepared.set(db, q);
  }
  const rows = await q.execute({ id, now });
  const row = rows[0];
  if (!row || !row.userActive || !row.orgActive) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > 5 * 60_000) {
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
