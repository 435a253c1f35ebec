/**
 * Delivering the outbox (topic 'notify'), exactly once across any number of instances.
 *
 * 1. In one transaction: claim a batch of due rows with `FOR UPDATE SKIP LOCKED` (another instance skips
 *    them), resolve every row's recipients to active users in one query, insert the in-app notifications
 *    (unique (outbox_id, user_id): ON CONFLICT DO NOTHING), mark the rows done, commit.
 * 2. After commit, e-mail and SMS: a `deliveries` row (unique (outbox_id, user_id, channel)) is inserted with
 *    status 'sending' ON CONFLICT DO NOTHING RETURNING; only the instance whose insert returned the row sends,
 *    then records 'sent' or 'failed' with the error. A message is therefore sent at most once, never twice.
 *
 * A batch that fails is retried row by row (one bad row does not hold up the others); a row that keeps
 * failing is tried again later with a growing delay (attempts + 1, last_error, available_at) and given up
 * after MAX_ATTEMPTS (done_at set, last_error kept).
 */
import { and, asc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { errorChain, type AppDb, type AppTx } from '../../db/client';
import { deliveries, notifications, outbox } from '../../db/schema';
import type { BureauRole } from '../../core/identity/roles';
import { safeErrorLog } from '../http/db-errors';
import { addressHash, type Channels } from './channels';
import { NOTIFY_TOPIC, notifyPayload, type NotifyPayload } from './outbox';
import { publicBaseUrl, renderEmail, renderSms, type RecipientLocale } from './templates';

export type { Channels } from './channels';

export const MAX_ATTEMPTS = 5;
/** The first retry waits this long; each further one twice as long (30 s, 1 min, 2 min, 4 min …). */
export const RETRY_BASE_MS = 30_000;
export const DEFAULT_BATCH = 100;
const INSERT_CHUNK = 1_000;

export interface DeliverLog {
  warn(o: object, msg: string): void;
}

export interface DeliverDeps {
  channels: Channels;
  log?: DeliverLog;
  /** Outbox rows per batch (default 100). */
  limit?: number;
  now?: Date;
  /** The base of absolute links in e-mails (default: PUBLIC_BASE_URL or http://localhost:3000). */
  baseUrl?: string;
}

interface Target {
  outboxId: number;
  userId: string;
  orgId: string;
  email: string | null;
  mobile: string | null;
  locale: RecipientLocale;
}

interface Outgoing {
  outboxId: number;
  userId: string;
  channel: 'email' | 'sms';
  address: string;
  payload: NotifyPayload;
  locale: RecipientLocale;
}

interface BatchResult {
  done: number;
  outgoing: Outgoing[];
}

/**
 * What is kept of an error: the driver's SQLSTATE and message when there is one (never drizzle's wrapper, which
 * carries the statement's parameters), otherwise the error's own code and message.
 */
function errorText(err: unknown): string {
  const chain = errorChain(err);
  const e = chain.find((x) => typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) ?? chain.find((x) => typeof x.message === 'string' && !x.message.startsWith('Failed query')) ?? chain[0];
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return `${code}${message}`.slice(0, 500);
}

/** Active users behind every claimed row's recipients, in one query (each branch index-backed). */
async function resolveTargets(tx: AppTx, rows: ReadonlyArray<{ id: number; payload: NotifyPayload }>): Promise<Target[]> {
  const orgs: Array<{ oid: number; id: string }> = [];
  const people: Array<{ oid: number; id: string }> = [];
  const duties: Array<{ oid: number; duty: BureauRole }> = [];
  const towns: Array<{ oid: number; town: string }> = [];
  for (const { id: oid, payload } of rows) {
    for (const r of payload.to) {
      if ('orgId' in r) orgs.push({ oid, id: r.orgId });
      else if ('userId' in r) people.push({ oid, id: r.userId });
      else if ('bureau' in r) for (const duty of r.bureau) duties.push({ oid, duty });
      else towns.push({ oid, town: r.townCode });
    }
  }
  if (orgs.length + people.length + duties.length + towns.length === 0) return [];
  const cols = sql.raw('r.oid as outbox_id, u.id as user_id, u.org_id, u.email, u.mobile, u.locale');
  const res = await tx.execute<{ outbox_id: number | string; user_id: string; org_id: string; email: string | null; mobile: string | null; locale: string }>(sql`
    select ${cols} from jsonb_to_recordset(${JSON.stringify(orgs)}::jsonb) as r(oid bigint, id uuid)
      join users u on u.org_id = r.id and u.active
      join organizations g on g.id = u.org_id and g.active
    union
    select ${cols} from jsonb_to_recordset(${JSON.stringify(people)}::jsonb) as r(oid bigint, id uuid)
      join users u on u.id = r.id and u.active
      join organizations g on g.id = u.org_id and g.active
    union
    select ${cols} from jsonb_to_recordset(${JSON.stringify(duties)}::jsonb) as r(oid bigint, duty text)
      join organizations g on g.type = 'bureau' and g.active
      join users u on u.org_id = g.id and u.bureau_role = r.duty and u.active
    union
    select ${cols} from jsonb_to_recordset(${JSON.stringify(towns)}::jsonb) as r(oid bigint, town text)
      join organizations g on g.town_code = r.town and g.type = 'town' and g.active
      join users u on u.org_id = g.id and u.active
  `);
  // UNION gives no order: in outbox order, so notification ids (the list's order) follow the messages'.
  const ordered = [...res.rows].sort((x, y) => Number(x.outbox_id) - Number(y.outbox_id) || (x.user_id < y.user_id ? -1 : x.user_id > y.user_id ? 1 : 0));
  return ordered.map((r) => ({
    outboxId: Number(r.outbox_id),
    userId: r.user_id,
    orgId: r.org_id,
    email: r.email,
    mobile: r.mobile,
    locale: r.locale === 'en' ? 'en' : 'zh-CN',
  }));
}

/** One transaction: claim, resolve, insert the in-app notifications, mark done. */
async function processBatch(tx: AppTx, opts: { limit: number; now: Date; dueBy: Date | SQL; onlyId?: number }, claimed: number[]): Promise<BatchResult> {
  const rows = await tx
    .select({ id: outbox.id, payload: outbox.payload, attempts: outbox.attempts })
    .from(outbox)
    .where(
      and(
        eq(outbox.topic, NOTIFY_TOPIC),
        isNull(outbox.doneAt),
        lte(outbox.availableAt, opts.dueBy),
        opts.onlyId === undefined ? undefined : eq(outbox.id, opts.onlyId),
      ),
    )
    .orderBy(asc(outbox.availableAt), asc(outbox.id))
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  if (rows.length === 0) return { done: 0, outgoing: [] };
  claimed.push(...rows.map((r) => r.id));

  const valid: Array<{ id: number; payload: NotifyPayload }> = [];
  const invalid: number[] = [];
  for (const r of rows) {
    const parsed = notifyPayload.safeParse(r.payload);
    if (parsed.success) valid.push({ id: r.id, payload: parsed.data });
    else invalid.push(r.id);
  }

  const byId = new Map(valid.map((v) => [v.id, v.payload]));
  const targets = (await resolveTargets(tx, valid)).filter((t) => byId.get(t.outboxId)?.excludeUserId !== t.userId);

  const values = targets.map((t) => {
    const p = byId.get(t.outboxId)!;
    return { userId: t.userId, orgId: t.orgId, outboxId: t.outboxId, projectId: p.projectId, kind: p.kind, title: p.title, body: p.body, link: p.link };
  });
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await tx.insert(notifications).values(values.slice(i, i + INSERT_CHUNK)).onConflictDoNothing();
  }

  if (valid.length > 0) {
    await tx
      .update(outbox)
      .set({ doneAt: opts.now, attempts: sql`${outbox.attempts} + 1`, lastError: null })
      .where(inArray(outbox.id, valid.map((v) => v.id)));
  }
  if (invalid.length > 0) {
    // Can never succeed: given up at once, the reason kept.
    await tx
      .update(outbox)
      .set({ doneAt: opts.now, attempts: sql`${outbox.attempts} + 1`, lastError: 'INVALID_PAYLOAD' })
      .where(inArray(outbox.id, invalid));
  }

  const outgoing: Outgoing[] = [];
  for (const t of targets) {
    const payload = byId.get(t.outboxId)!;
    if (payload.email && t.email) outgoing.push({ outboxId: t.outboxId, userId: t.userId, channel: 'email', address: t.email, payload, locale: t.locale });
    if (payload.sms && t.mobile) outgoing.push({ outboxId: t.outboxId, userId: t.userId, channel: 'sms', address: t.mobile, payload, locale: t.locale });
  }
  return { done: valid.length, outgoing };
}

/** A row whose delivery failed: tried again later, given up after MAX_ATTEMPTS. */
async function recordFailure(db: AppDb, id: number, err: unknown, now: Date): Promise<void> {
  const message = errorText(err);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ attempts: outbox.attempts })
      .from(outbox)
      .where(and(eq(outbox.id, id), isNull(outbox.doneAt)))
      .for('update', { skipLocked: true });
    if (!row) return;
    const attempts = row.attempts + 1;
    const giveUp = attempts >= MAX_ATTEMPTS;
    await tx
      .update(outbox)
      .set({
        attempts,
        lastError: message,
        availableAt: new Date(now.getTime() + RETRY_BASE_MS * 2 ** (attempts - 1)),
        doneAt: giveUp ? now : null,
      })
      .where(eq(outbox.id, id));
  });
}

/** E-mail and SMS, after commit: only the instance whose `deliveries` insert returned the row sends. */
async function sendExternal(db: AppDb, outgoing: Outgoing[], deps: DeliverDeps): Promise<void> {
  const baseUrl = deps.baseUrl ?? publicBaseUrl();
  for (let i = 0; i < outgoing.length; i += INSERT_CHUNK) {
    const chunk = outgoing.slice(i, i + INSERT_CHUNK);
    const mine = await db
      .insert(deliveries)
      .values(chunk.map((o) => ({ outboxId: o.outboxId, userId: o.userId, channel: o.channel, status: 'sending' })))
      .onConflictDoNothing()
      .returning({ id: deliveries.id, outboxId: deliveries.outboxId, userId: deliveries.userId, channel: deliveries.channel });
    const key = (o: { outboxId: number; userId: string; channel: string }) => `${o.outboxId}|${o.userId}|${o.channel}`;
    const claimedIds = new Map(mine.map((m) => [key(m), m.id]));
    const sent: number[] = [];
    for (const o of chunk) {
      const deliveryId = claimedIds.get(key(o));
      if (deliveryId === undefined) continue;
      try {
        if (o.channel === 'email') {
          const mail = renderEmail(o.payload, o.locale, baseUrl);
          await deps.channels.mailer.send({ to: o.address, subject: mail.subject, text: mail.text, html: mail.html });
        } else {
          await deps.channels.sms.send({ to: o.address, text: renderSms(o.payload, o.locale) });
        }
        sent.push(deliveryId);
      } catch (err) {
        deps.log?.warn(
          { channel: o.channel, kind: o.channel === 'email' ? deps.channels.mailer.kind : deps.channels.sms.kind, to: addressHash(o.address), outboxId: o.outboxId, code: (err as { code?: unknown })?.code },
          'notification not sent',
        );
        await db.update(deliveries).set({ status: 'failed', error: errorText(err), sentAt: new Date() }).where(eq(deliveries.id, deliveryId));
      }
    }
    if (sent.length > 0) await db.update(deliveries).set({ status: 'sent', sentAt: new Date() }).where(inArray(deliveries.id, sent));
  }
}

/**
 * Delivers one batch of due notifications. Returns how many outbox rows were delivered (in-app
 * notifications written; their e-mails and SMS attempted) by this call.
 */
export async function deliverPending(db: AppDb, deps: { channels: Channels; log?: DeliverLog; limit?: number; now?: Date; baseUrl?: string }): Promise<{ delivered: number }> {
  const now = deps.now ?? new Date();
  // Due by the database's clock unless a time is given: `available_at` defaults to the database's now(), which
  // may be ahead of this process's clock (another machine, or just the sub-millisecond part).
  const dueBy = deps.now ?? sql`now()`;
  const limit = Math.max(1, deps.limit ?? DEFAULT_BATCH);
  const claimed: number[] = [];
  let result: BatchResult;
  try {
    result = await db.transaction((tx) => processBatch(tx, { limit, now, dueBy }, claimed));
  } catch (err) {
    if (claimed.length === 0) throw err;
    // Row by row, so one bad row does not hold up the others.
    deps.log?.warn({ rows: claimed.length, error: safeErrorLog(err) }, 'notification batch failed; retrying row by row');
    result = { done: 0, outgoing: [] };
    for (const id of claimed) {
      try {
        const one = await db.transaction((tx) => processBatch(tx, { limit: 1, now, dueBy, onlyId: id }, []));
        result.done += one.done;
        result.outgoing.push(...one.outgoing);
      } catch (rowErr) {
        deps.log?.warn({ outboxId: id, error: safeErrorLog(rowErr) }, 'notification delivery failed; will retry');
        await recordFailure(db, id, rowErr, now).catch(() => undefined);
      }
    }
  }
  if (result.outgoing.length > 0) await sendExternal(db, result.outgoing, deps);
  return { delivered: result.done };
}
