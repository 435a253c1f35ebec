/**
 * Opening an announcement (公示) and adding its lines. The window (公示期) ends `workingDays` working days after
 * `startsOn` on the platform's calendar (the bureau's years over the built-in holidays); objections are accepted
 * up to and including `endsOn`.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { announcementItems, announcements } from '../../../db/schema';
import { addWorkingDays, type Calendar } from '../../../core/calendar';
import { AppError } from '../../http/errors';
import { loadCalendar } from '../../deadlines/calendar';
import { todayInShanghai } from '../../deadlines/service';

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

/** The last day of a window of `workingDays` working days from `startsOn`. */
export function windowEnd(startsOn: string, workingDays: number, calendar: Calendar): string {
  return addWorkingDays(startsOn, workingDays, calendar).value;
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
