/**
 * Objections (异议) to an announcement, the way Zhongshan's notices require: real name and contact (mobile or
 * e-mail), an organisation's objection marked as such with its name, the facts and evidence files; anonymous or
 * late objections are refused with the reason. Senders are rate-limited by a keyed hash of their address (the
 * address itself is never stored). The office the announcement names records a finding, which closes it.
 */
import { createHmac } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDb } from '../../../db/client';
import { announcementItems, announcements, files, objections } from '../../../db/schema';
import { recordAudit, originOf } from '../../audit';
import type { RequestContext } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { todayInShanghai } from '../../deadlines/service';
import { enqueueNotification } from '../../notifications/outbox';
import { countAttempt } from '../auth/throttle';
import { invalidatePublicCache } from '../public/cache';
import { canHandleObjections, loadObjectionFor, publiclyVisible, type AnnouncementRow } from './policy';

/** Objections one sender may lodge per hour, and evidence files they may upload per hour. */
export const OBJECTIONS_PER_HOUR = 5;
export const EVIDENCE_UPLOADS_PER_HOUR = 30;
export const MAX_EVIDENCE_FILES = 10;
/** Evidence files: PDF, JPG, PNG up to 10 MB each (judged by content). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const FACTS_MIN = 20;
export const FACTS_MAX = 5000;

export const OUTCOMES = ['upheld', 'partlyUpheld', 'dismissed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Names that are no names: an objection signed this way is anonymous. */
const ANONYMOUS_NAMES = /^(匿名|无名|无名氏|佚名|群众|知情人|知情者|某某|anonymous|anon|n\/?a|none|无)$/i;

/** The key of the sender hash (OBJECTION_SENDER_KEY; set it in production, the same on every instance). */
function senderKey(): string {
  return process.env.OBJECTION_SENDER_KEY || 'zs-objection-sender-v1';
}

export function senderHash(ip: string): string {
  return createHmac('sha256', senderKey()).update(`sender:${ip}`).digest('hex').slice(0, 40);
}

/** A token naming an evidence file uploaded for one announcement's objections (useless anywhere else). */
export function evidenceToken(announcementId: string, sha256: string): string {
  const mac = createHmac('sha256', senderKey()).update(`evidence:${announcementId}:${sha256}`).digest('hex').slice(0, 32);
  return `${sha256}.${mac}`;
}

function tokenSha(announcementId: string, token: string): string | null {
  const m = /^([0-9a-f]{64})\.([0-9a-f]{32})$/.exec(token);
  if (!m?.[1]) return null;
  return evidenceToken(announcementId, m[1]) === token ? m[1] : null;
}

function invalid(path: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { fields: [{ path, message: zh }] } });
}

function rateLimited(waitSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(waitSeconds / 60));
  return new AppError('RATE_LIMITED', {
    message: { zh: `提交过于频繁（每小时最多 ${OBJECTIONS_PER_HOUR} 件），请 ${minutes} 分钟后再试`, en: `Too many objections (at most ${OBJECTIONS_PER_HOUR} an hour); try again in ${minutes} minute(s)` },
    details: { retryAfterSeconds: waitSeconds },
  });
}

/** Is the announcement's window open today (objections accepted up to and including its last day)? */
export function windowOpen(a: Pick<AnnouncementRow, 'status' | 'startsOn' | 'endsOn'>, today: string): boolean {
  return a.status === 'open' && a.startsOn <= today && today <= a.endsOn;
}

function windowClosedError(a: AnnouncementRow, today: string): AppError {
  if (a.status === 'open' && today < a.startsOn)
    return new AppError('OBJECTION_WINDOW_CLOSED', { message: { zh: `公示期自 ${a.startsOn} 开始，届时方可提出异议`, en: `The publicity period starts on ${a.startsOn}; objections are accepted from then` } });
  return new AppError('OBJECTION_WINDOW_CLOSED', {
    message: { zh: `公示期已于 ${a.endsOn} 结束，异议不再受理`, en: `The publicity period ended on ${a.endsOn}; objections are no longer accepted` },
    details: { endsOn: a.endsOn },
  });
}

export async function loadPublicAnnouncement(db: AppDb, id: string): Promise<AnnouncementRow> {
  const [row] = await db.select().from(announcements).where(eq(announcements.id, id)).limit(1);
  if (!row || !publiclyVisible(row)) throw notFound();
  return row;
}

/** Before an evidence upload: the announcement is public and its window open; the sender is within the limit. */
export async function checkEvidenceUpload(db: AppDb, announcementId: string, ip: string, now: Date): Promise<void> {
  const a = await loadPublicAnnouncement(db, announcementId);
  const today = todayInShanghai(now);
  if (!windowOpen(a, today)) throw windowClosedError(a, today);
  const wait = await countAttempt(db, `objev:${senderHash(ip)}`, EVIDENCE_UPLOADS_PER_HOUR, 60, now);
  if (wait > 0) throw rateLimited(wait);
}

export interface ObjectionInput {
  objectorName?: string | undefined;
  contact?: string | undefined;
  isOrganisation?: boolean | undefined;
  organisationName?: string | undefined;
  itemId?: string | undefined;
  facts: string;
  evidence?: string[] | undefined;
}

export async function lodgeObjection(db: AppDb, announcementId: string, input: ObjectionInput, ip: string, now: Date = new Date()): Promise<{ id: string; receivedAt: string; officeName: string; organisation: boolean }> {
  const a = await loadPublicAnnouncement(db, announcementId);
  const today = todayInShanghai(now);
  if (!windowOpen(a, today)) throw windowClosedError(a, today);

  const name = (input.objectorName ?? '').trim();
  const contact = (input.contact ?? '').trim();
  if (!name || ANONYMOUS_NAMES.test(name) || !contact) {
    const missing = !name || ANONYMOUS_NAMES.test(name) ? (contact ? { zh: '真实姓名', en: 'a real name' } : { zh: '真实姓名和联系方式', en: 'a real name and contact details' }) : { zh: '联系方式', en: 'contact details' };
    throw new AppError('OBJECTION_ANONYMOUS', {
      message: { zh: `异议须署${missing.zh}，匿名异议不予受理`, en: `An objection needs ${missing.en}; anonymous objections are not accepted` },
      details: { fields: [...(!name || ANONYMOUS_NAMES.test(name) ? [{ path: 'objectorName', message: '请填写真实姓名' }] : []), ...(!contact ? [{ path: 'contact', message: '请填写手机号或电子邮箱' }] : [])] },
    });
  }
  if (name.length < 2 || name.length > 40) throw invalid('objectorName', '姓名应为 2 至 40 个字', 'The name must be 2 to 40 characters');
  if (!MOBILE_RE.test(contact) && !EMAIL_RE.test(contact)) throw invalid('contact', '联系方式须为 11 位手机号或有效的电子邮箱', 'Contact must be an 11-digit mobile number or a valid e-mail address');
  const isOrganisation = input.isOrganisation === true;
  const organisationName = (input.organisationName ?? '').trim();
  if (isOrganisation && organisationName.length < 2) throw invalid('organisationName', '以单位名义提出的异议须写明单位全称（并加盖公章的材料作为证据上传）', "An organisation's objection must give the organisation's full name");
  const facts = input.facts.trim();
  if (facts.length < FACTS_MIN || facts.length > FACTS_MAX) throw invalid('facts', `异议事实和理由应为 ${FACTS_MIN} 至 ${FACTS_MAX} 个字`, `The facts must be ${FACTS_MIN} to ${FACTS_MAX} characters`);

  if (input.itemId) {
    const [item] = await db.select({ id: announcementItems.id }).from(announcementItems).where(and(eq(announcementItems.id, input.itemId), eq(announcementItems.announcementId, a.id))).limit(1);
    if (!item) throw invalid('itemId', '所选公示条目不属于本公示', 'The chosen line is not part of this announcement');
  }
  const tokens = [...new Set(input.evidence ?? [])];
  if (tokens.length > MAX_EVIDENCE_FILES) throw invalid('evidence', `证据材料最多 ${MAX_EVIDENCE_FILES} 个文件`, `At most ${MAX_EVIDENCE_FILES} evidence files`);
  const shas: string[] = [];
  for (const token of tokens) {
    const sha = tokenSha(a.id, token);
    if (!sha) throw invalid('evidence', '证据文件标识无效，请重新上传', 'An evidence file reference is invalid; upload it again');
    shas.push(sha);
  }
  if (shas.length > 0) {
    const found = await db.select({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, shas));
    if (found.length !== shas.length) throw invalid('evidence', '证据文件未找到，请重新上传', 'An evidence file was not found; upload it again');
  }

  const hash = senderHash(ip);
  const wait = await countAttempt(db, `obj:${hash}`, OBJECTIONS_PER_HOUR, 60, now);
  if (wait > 0) throw rateLimited(wait);

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(objections)
      .values({
        announcementId: a.id,
        itemId: input.itemId ?? null,
        objectorName: name,
        contact,
        isOrganisation,
        organisationName: isOrganisation ? organisationName : null,
        facts,
        evidence: shas,
        senderHash: hash,
      })
      .returning({ id: objections.id, createdAt: objections.createdAt });
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, { userId: null, orgId: null, requestId: null, ip: null }, { action: 'objection.lodge', targetType: 'objection', targetId: row.id, summary: { announcementId: a.id, itemId: input.itemId ?? null, isOrganisation, evidence: shas.length } });
    await enqueueNotification(tx, {
      to: a.officeOrgId ? [{ orgId: a.officeOrgId }] : [{ bureau: ['reviewer', 'admin'] }],
      projectId: null,
      kind: 'objection.lodged',
      title: { zh: `公示收到异议：${a.title}`, en: `An objection to the announcement: ${a.title}` },
      body: { zh: `${isOrganisation ? `单位（${organisationName}）` : '个人'}提出异议，请在异议处理页记录核查结论。`, en: `${isOrganisation ? `An organisation (${organisationName})` : 'A person'} lodged an objection; record the finding on the objections page.` },
      link: `/workbench/objections?announcementId=${a.id}`,
      dedupeKey: `objection.lodged:${row.id}`,
    });
    return { id: row.id, receivedAt: row.createdAt.toISOString(), officeName: a.officeName, organisation: isOrganisation };
  });
}

export async function recordFinding(db: AppDb, ctx: RequestContext, id: string, input: { outcome: Outcome; finding: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const { objection, announcement } = await loadObjectionFor(tx, ctx.actor, id, { forUpdate: true });
    if (!canHandleObjections(ctx.actor, announcement)) throw new AppError('FORBIDDEN_ROLE', { message: { zh: `异议由“${announcement.officeName}”处理`, en: `Objections are handled by ${announcement.officeName}` } });
    if (objection.status !== 'open') throw new AppError('ALREADY_SUBMITTED', { message: { zh: '该异议已办结，核查结论不能重复记录', en: 'This objection is already closed; its finding cannot be recorded again' } });
    const now = new Date();
    await tx
      .update(objections)
      .set({ status: 'closed', outcome: input.outcome, finding: input.finding.trim(), handledBy: ctx.actor.userId, handledAt: now })
      .where(and(eq(objections.id, id), eq(objections.status, 'open')));
    let projectId: string | null = null;
    if (objection.itemId) {
      const [item] = await tx.select({ projectId: announcementItems.projectId, enterpriseName: announcementItems.enterpriseName }).from(announcementItems).where(eq(announcementItems.id, objection.itemId)).limit(1);
      projectId = item?.projectId ?? null;
    }
    await recordAudit(tx, originOf(ctx), { action: 'objection.finding', targetType: 'objection', targetId: id, projectId, summary: { outcome: input.outcome, announcementId: announcement.id } });
    if (input.outcome !== 'dismissed') {
      const label = input.outcome === 'upheld' ? { zh: '成立', en: 'upheld' } : { zh: '部分成立', en: 'partly upheld' };
      await enqueueNotification(tx, {
        to: [{ bureau: ['reviewer'] }],
        projectId,
        kind: 'objection.upheld',
        title: { zh: `公示异议${label.zh}：${announcement.title}`, en: `An objection was ${label.en}: ${announcement.title}` },
        body: { zh: `核查结论：${input.finding.trim()}`, en: `Finding: ${input.finding.trim()}` },
        link: projectId ? `/workbench/projects/${projectId}` : `/workbench/announcements?id=${announcement.id}`,
        dedupeKey: `objection.upheld:${id}`,
        excludeUserId: ctx.actor.userId,
      });
    }
  });
  invalidatePublicCache();
}
