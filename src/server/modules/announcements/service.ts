/**
 * Opening an announcement (公示) and adding its lines. The window (公示期) ends `workingDays` working days after
 * `startsOn` on the platform's calendar (the bureau's years over the built-in holidays); objections are accepted
 * up to and including `endsOn`.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../../db/client';
import { announcementItems, announcements, disbursementTranches, objections, projects, subsidyApplications } from '../../../db/schema';
import { pageTotal } from '../../../db/sql';
import { addWorkingDays, isWorkingDay, parseIsoDate, workingDaysBetween, type Calendar } from '../../../core/calendar';
import { originOf, recordAudit } from '../../audit';
import type { RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { loadCalendar } from '../../deadlines/calendar';
import { todayInShanghai } from '../../deadlines/service';
import { invalidatePublicCache } from '../public/cache';
import { loadAnnouncementFor, requireAnnouncementManager, type AnnouncementRow } from './policy';

export const ANNOUNCEMENT_KINDS = ['funded', 'pilot', 'benchmark', 'payment', 'catalog', 'pre'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

/** The default window: 7 working days (Zhongshan's notices), set per announcement within 1–30. */
export const DEFAULT_WORKING_DAYS = 7;
export const MAX_WORKING_DAYS = 30;

export interface AnnouncementItemInput {
  projectId?: string | null;
  enterpriseName: string;
  projectName?: string | null;
  townCode?: string | null;
  amountFen?: number | null;
  note?: string | null;
}

export interface OpenAnnouncementInput {
  kind: AnnouncementKind;
  title: string;
  body?: string | null;
  officeName: string;
  officeContact?: string | null;
  officeOrgId?: string | null;
  workingDays?: number;
  startsOn?: string;
  batchId?: string | null;
  createdBy: string | null;
  items: AnnouncementItemInput[];
}

/**
 * The last day of a window of `workingDays` working days that starts on `startsOn`, the start counted when it is a
 * working day (7 working days from Wednesday 2 December end on Thursday 10 December), so the window holds exactly
 * `workingDays` working days and "还剩 N 个工作日" on its first day says N.
 */
export function windowEnd(startsOn: string, workingDays: number, calendar: Calendar): string {
  const counted = isWorkingDay(parseIsoDate(startsOn), calendar) ? workingDays - 1 : workingDays;
  return counted <= 0 ? startsOn : addWorkingDays(startsOn, counted, calendar).value;
}

export async function openAnnouncement(tx: DbOrTx, input: OpenAnnouncementInput, now: Date = new Date()): Promise<{ id: string; endsOn: string }> {
  const workingDays = input.workingDays ?? DEFAULT_WORKING_DAYS;
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_WORKING_DAYS) {
    throw new AppError('VALIDATION_FAILED', {
      message: { zh: `公示期须为 1 至 ${MAX_WORKING_DAYS} 个工作日`, en: `The publicity period must be 1 to ${MAX_WORKING_DAYS} working days` },
      details: { fields: [{ path: 'workingDays', message: { zh: `1 至 ${MAX_WORKING_DAYS} 个工作日`, en: `1 to ${MAX_WORKING_DAYS} working days` } }] },
    });
  }
  if (!ANNOUNCEMENT_KINDS.includes(input.kind)) throw new AppError('VALIDATION_FAILED');
  const startsOn = input.startsOn ?? todayInShanghai(now);
  const calendar = await loadCalendar(tx);
  const endsOn = windowEnd(startsOn, workingDays, calendar);
  const [row] = await tx
    .insert(announcements)
    .values({
      kind: input.kind,
      title: input.title,
      body: input.body ?? null,
      officeName: input.officeName,
      officeContact: input.officeContact ?? null,
      officeOrgId: input.officeOrgId ?? null,
      startsOn,
      endsOn,
      workingDays,
      status: 'open',
      batchId: input.batchId ?? null,
      createdBy: input.createdBy,
    })
    .returning({ id: announcements.id });
  if (!row) throw new AppError('INTERNAL');
  if (input.items.length > 0) await addAnnouncementItems(tx, row.id, input.items);
  return { id: row.id, endsOn };
}

/** Adds lines after the announcement's existing ones (in the given order). */
export async function addAnnouncementItems(tx: DbOrTx, announcementId: string, items: AnnouncementItemInput[]): Promise<void> {
  if (items.length === 0) return;
  const [last] = await tx
    .select({ max: sql<number | null>`max(${announcementItems.position})` })
    .from(announcementItems)
    .where(eq(announcementItems.announcementId, announcementId));
  const start = last?.max == null ? 0 : Number(last.max) + 1;
  const CHUNK = 500;
  for (let i = 0; i < items.length; i += CHUNK) {
    await tx.insert(announcementItems).values(
      items.slice(i, i + CHUNK).map((item, j) => ({
        announcementId,
        projectId: item.projectId ?? null,
        enterpriseName: item.enterpriseName,
        projectName: item.projectName ?? null,
        townCode: item.townCode ?? null,
        amountFen: item.amountFen ?? null,
        note: item.note ?? null,
        position: start + i + j,
      })),
    );
  }
}

// ---- The bureau's side: lists, lines from the platform's records, detail, finalisation ------------------------

/** The lines of a new announcement, taken from the records (the pilot enterprises, funded projects, paid tranches). */
export async function itemsFromRecords(db: DbOrTx, kind: AnnouncementKind, projectIds: string[] | undefined): Promise<AnnouncementItemInput[]> {
  const only = projectIds && projectIds.length > 0 ? projectIds : null;
  if (kind === 'pilot') {
    const rows = await db
      .select({ projectId: projects.id, enterpriseName: projects.enterpriseName, projectName: projects.title, townCode: projects.townCode })
      .from(projects)
      .where(and(isNotNull(projects.pilotEnterpriseAt), only ? inArray(projects.id, only) : undefined))
      .orderBy(asc(projects.pilotEnterpriseAt), asc(projects.id))
      .limit(MAX_ITEMS + 1);
    return rows.map((r) => ({ ...r, amountFen: null }));
  }
  if (kind === 'funded') {
    const rows = await db
      .select({ projectId: projects.id, enterpriseName: projects.enterpriseName, projectName: projects.title, townCode: projects.townCode, amountFen: subsidyApplications.approvedFen })
      .from(subsidyApplications)
      .innerJoin(projects, eq(projects.id, subsidyApplications.projectId))
      .where(and(isNotNull(subsidyApplications.decidedAt), gt(subsidyApplications.approvedFen, 0), only ? inArray(projects.id, only) : undefined))
      .orderBy(asc(subsidyApplications.decidedAt), asc(projects.id))
      .limit(MAX_ITEMS + 1);
    return rows;
  }
  if (kind === 'payment') {
    const rows = await db
      .select({ projectId: projects.id, enterpriseName: projects.enterpriseName, projectName: projects.title, townCode: projects.townCode, amountFen: disbursementTranches.amountFen, line: disbursementTranches.line, paidAt: disbursementTranches.paidAt })
      .from(disbursementTranches)
      .innerJoin(projects, eq(projects.id, disbursementTranches.projectId))
      .where(and(isNotNull(disbursementTranches.paidAt), only ? inArray(projects.id, only) : undefined))
      .orderBy(asc(disbursementTranches.paidAt), asc(disbursementTranches.id))
      .limit(MAX_ITEMS + 1);
    return rows.map(({ line, paidAt, ...r }) => ({ ...r, note: `${LINE_NOTES[line] ?? line}${paidAt ? ` · ${todayInShanghai(paidAt)}` : ''}` }));
  }
  throw new AppError('VALIDATION_FAILED', {
    message: { zh: '此类公示的名单由对应模块生成（标杆、预奖补、目录）', en: 'Lists of this kind are made by their own module (benchmarks, pre-subsidy, catalog)' },
    details: { fields: [{ path: 'kind', message: '请选择试点企业、资助项目或资金拨付' }] },
  });
}

/** The most lines one announcement carries. */
export const MAX_ITEMS = 2_000;

const LINE_NOTES: Record<string, string> = { pre: '预奖补', final: '完工奖补', benchmark: '标杆奖励' };

export interface AnnouncementFilters {
  kind?: string | undefined;
  status?: string | undefined;
  officeOrgId?: string | undefined;
}

function listWhere(f: AnnouncementFilters, publicOnly: boolean): SQL | undefined {
  return and(
    f.kind ? eq(announcements.kind, f.kind) : undefined,
    f.status ? eq(announcements.status, f.status) : publicOnly ? inArray(announcements.status, ['open', 'final']) : undefined,
    f.officeOrgId ? eq(announcements.officeOrgId, f.officeOrgId) : undefined,
  );
}

export async function listAnnouncements(db: AppDb, f: AnnouncementFilters, page: number, pageSize: number, opts: { publicOnly: boolean; today: string }) {
  const where = listWhere(f, opts.publicOnly);
  // Qualified by the table's name: a bare column inside the subquery would be read as the subquery's own id.
  const outerId = sql`${announcements}.${sql.identifier('id')}`;
  const itemCount = sql<number>`(select count(*) from ${announcementItems} ai where ai.announcement_id = ${outerId})`;
  const openCount = sql<number>`(select count(*) from ${objections} o where o.announcement_id = ${outerId} and o.status = 'open')`;
  const allCount = sql<number>`(select count(*) from ${objections} o where o.announcement_id = ${outerId})`;
  const rows = await db
    .select({ a: announcements, items: itemCount, openObjections: openCount, objections: allCount })
    .from(announcements)
    .where(where)
    .orderBy(desc(announcements.startsOn), desc(announcements.createdAt), desc(announcements.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const total = await pageTotal(page, pageSize, rows.length, async () => Number((await db.select({ n: count() }).from(announcements).where(where))[0]?.n ?? 0));
  const calendar = await loadCalendar(db);
  return {
    items: rows.map((r) => ({ ...summaryOf(r.a, opts.today, calendar), itemCount: Number(r.items), openObjections: opts.publicOnly ? undefined : Number(r.openObjections), objectionCount: opts.publicOnly ? undefined : Number(r.objections) })),
    total,
    page,
    pageSize,
  };
}

export interface AnnouncementSummary {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  officeName: string;
  officeContact: string | null;
  startsOn: string;
  endsOn: string;
  workingDays: number;
  status: string;
  finalAt: string | null;
  /** Working days left in the window (today counted when it is one), 0 when it is over. */
  workingDaysLeft: number;
  /** open (accepting objections) · notStarted · over */
  window: 'open' | 'notStarted' | 'over';
  createdAt: string;
}

/** Working days from today to the window's last day, both counted (0 when the window is over). */
export function workingDaysLeft(today: string, endsOn: string, calendar: Calendar): number {
  if (today > endsOn) return 0;
  const between = workingDaysBetween(today, endsOn, calendar).value;
  return between + (isWorkingDay(parseIsoDate(today), calendar) ? 1 : 0);
}

export function summaryOf(a: AnnouncementRow, today: string, calendar: Calendar): AnnouncementSummary {
  const window = a.status !== 'open' || today > a.endsOn ? 'over' : today < a.startsOn ? 'notStarted' : 'open';
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    body: a.body,
    officeName: a.officeName,
    officeContact: a.officeContact,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    workingDays: a.workingDays,
    status: a.status,
    finalAt: a.finalAt?.toISOString() ?? null,
    workingDaysLeft: window === 'open' ? workingDaysLeft(today < a.startsOn ? a.startsOn : today, a.endsOn, calendar) : 0,
    window,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function announcementItemsOf(db: DbOrTx, id: string) {
  return db
    .select({ id: announcementItems.id, projectId: announcementItems.projectId, enterpriseName: announcementItems.enterpriseName, projectName: announcementItems.projectName, townCode: announcementItems.townCode, amountFen: announcementItems.amountFen, note: announcementItems.note, position: announcementItems.position })
    .from(announcementItems)
    .where(eq(announcementItems.announcementId, id))
    .orderBy(asc(announcementItems.position))
    .limit(MAX_ITEMS);
}

export async function objectionsOf(db: DbOrTx, announcementId: string) {
  return db.select().from(objections).where(eq(objections.announcementId, announcementId)).orderBy(asc(objections.createdAt)).limit(1_000);
}

/** Final only when the window is over and every objection is closed; otherwise says what is still missing. */
export async function finaliseAnnouncement(db: AppDb, ctx: RequestContext, id: string, now: Date = new Date()): Promise<{ status: 'final'; finalAt: string }> {
  const result = await db.transaction(async (tx) => {
    const a = await loadAnnouncementFor(tx, ctx.actor, id);
    requireAnnouncementManager(ctx.actor);
    const [locked] = await tx.select().from(announcements).where(eq(announcements.id, a.id)).for('update');
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status === 'final') throw new AppError('ALREADY_CONFIRMED', { message: { zh: '该公示已是最终状态', en: 'This announcement is already final' } });
    if (locked.status !== 'open') throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '已撤回的公示不能定稿', en: 'A withdrawn announcement cannot become final' } });
    const today = todayInShanghai(now);
    const calendar = await loadCalendar(tx);
    const reasons: Array<{ zh: string; en: string }> = [];
    if (today <= locked.endsOn) {
      const left = workingDaysLeft(today < locked.startsOn ? locked.startsOn : today, locked.endsOn, calendar);
      reasons.push({ zh: `公示期尚未结束（至 ${locked.endsOn}，还剩 ${left} 个工作日）`, en: `The publicity period is not over (until ${locked.endsOn}, ${left} working day(s) left)` });
    }
    const [open] = await tx.select({ n: count() }).from(objections).where(and(eq(objections.announcementId, locked.id), eq(objections.status, 'open')));
    const openCount = Number(open?.n ?? 0);
    if (openCount > 0) reasons.push({ zh: `还有 ${openCount} 件异议未办结`, en: `${openCount} objection(s) are still open` });
    if (reasons.length > 0) {
      throw new AppError('GUARD_FAILED', {
        message: { zh: `暂不能定稿：${reasons.map((r) => r.zh).join('；')}`, en: `Cannot finalise yet: ${reasons.map((r) => r.en).join('; ')}` },
        details: { failures: reasons.map((r, i) => ({ guard: i === 0 && today <= locked.endsOn ? 'publicityOver' : 'objectionsClosed', message: r.zh, text: r })), openObjections: openCount, endsOn: locked.endsOn },
      });
    }
    const finalAt = new Date();
    await tx.update(announcements).set({ status: 'final', finalAt }).where(and(eq(announcements.id, locked.id), eq(announcements.status, 'open')));
    await recordAudit(tx, originOf(ctx), { action: 'announcement.finalise', targetType: 'announcement', targetId: locked.id, summary: { kind: locked.kind } });
    return { status: 'final' as const, finalAt: finalAt.toISOString() };
  });
  invalidatePublicCache();
  return result;
}
