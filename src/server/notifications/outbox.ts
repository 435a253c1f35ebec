/**
 * Enqueueing a notification: one `outbox` row (topic 'notify') written in the caller's transaction, so the
 * message exists exactly when the change it announces was committed. Delivery (deliver.ts) happens after
 * commit, by whichever instance claims the row first; recipients are resolved to active users then.
 */
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { outbox } from '../../db/schema';
import type { Text } from '../../core/text';
import { BUREAU_ROLES, type BureauRole } from '../../core/identity/roles';

export const NOTIFY_TOPIC = 'notify';

export type Recipient = { orgId: string } | { userId: string } | { bureau: readonly BureauRole[] } | { townCode: string };

export interface NotifyInput {
  /** Resolved to active users at delivery time: an org = its active members; bureau = staff with those duties; townCode = that town's office(s). */
  to: readonly Recipient[];
  projectId: string | null;
  /** e.g. 'project.assignDiagnosisInstitution', 'deadline.reminder', 'deadline.escalation' */
  kind: string;
  title: Text;
  body: Text;
  /** The page where the action is, e.g. `/workbench/projects/${id}`. */
  link: string | null;
  /** A second enqueue with the same key does nothing. */
  dedupeKey?: string;
  /** Default true: also e-mail users that have an e-mail address. */
  email?: boolean;
  /** Default false: also SMS users with a mobile. */
  sms?: boolean;
  /** Don't notify the actor about their own action. */
  excludeUserId?: string;
}

const text = z.object({ zh: z.string(), en: z.string() });

/** The stored payload, checked again when delivered (a row written by an older version must not crash delivery). */
export const notifyPayload = z.object({
  to: z.array(
    z.union([
      z.object({ orgId: z.uuid() }),
      z.object({ userId: z.uuid() }),
      z.object({ bureau: z.array(z.enum(BUREAU_ROLES)) }),
      z.object({ townCode: z.string().min(1) }),
    ]),
  ),
  projectId: z.uuid().nullable(),
  kind: z.string().min(1),
  title: text,
  body: text,
  link: z.string().nullable(),
  email: z.boolean(),
  sms: z.boolean(),
  excludeUserId: z.uuid().nullable(),
});
export type NotifyPayload = z.infer<typeof notifyPayload>;

export function toPayload(input: NotifyInput): NotifyPayload {
  return {
    to: input.to.map((r) => ('bureau' in r ? { bureau: [...r.bureau] } : { ...r })),
    projectId: input.projectId,
    kind: input.kind,
    title: { zh: input.title.zh, en: input.title.en },
    body: { zh: input.body.zh, en: input.body.en },
    link: input.link,
    email: input.email ?? true,
    sms: input.sms ?? false,
    excludeUserId: input.excludeUserId ?? null,
  };
}

/** Writes ONE outbox row (topic 'notify') in the caller's transaction; a repeated dedupeKey writes nothing. */
export async function enqueueNotification(tx: DbOrTx, input: NotifyInput): Promise<void> {
  await tx
    .insert(outbox)
    .values({ topic: NOTIFY_TOPIC, payload: notifyPayload.parse(toPayload(input)) as unknown as Record<string, unknown>, dedupeKey: input.dedupeKey ?? null })
    .onConflictDoNothing();
}
