/**
 * Audit trail: every write records one event in the same transaction as the write.
 */
import { auditEvents } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { RequestContext } from './http/actor';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  projectId?: string | null;
  onBehalfOfOrgId?: string | null;
  /** A before/after summary: changed field names and values, never secrets. */
  summary?: Record<string, unknown>;
}

/** Context for writes done without a signed-in actor (registration, system jobs, seeding). */
export interface AuditOrigin {
  userId: string | null;
  orgId: string | null;
  requestId: string | null;
  ip: string | null;
}

export function originOf(ctx: RequestContext): AuditOrigin {
  return { userId: ctx.actor.userId, orgId: ctx.actor.orgId, requestId: ctx.requestId, ip: ctx.ip };
}

export async function recordAudit(tx: DbOrTx, origin: AuditOrigin, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: origin.userId,
    actorOrgId: origin.orgId,
    onBehalfOfOrgId: entry.onBehalfOfOrgId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    projectId: entry.projectId ?? null,
    summary: entry.summary ?? {},
    requestId: origin.requestId,
    ip: origin.ip,
  });
}

/** The fields whose values differ between two snapshots, as { field: [before, after] }. */
export function diffSummary<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = [before[key], value];
  }
  return changes;
}
