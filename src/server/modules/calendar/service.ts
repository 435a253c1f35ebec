/**
 * The holiday calendar: the built-in years and the bureau's entries (which replace a built-in year of the same
 * number). Saving a year is audited and clears the server's loaded calendar after the commit.
 */
import { sql } from 'drizzle-orm';
import { calendarYears } from '../../../db/schema';
import type { AppDb } from '../../../db/client';
import { addDays, addWorkingDays, CalendarError, CN_BUILT_IN_YEARS, MAX_YEAR, describeDay, parseIsoDate, type CalendarYear, type CalendarYearInput } from '../../../core/calendar';
import { recordAudit, originOf } from '../../audit';
import { AppError } from '../../http/errors';
import type { RequestContext } from '../../http/actor';
import type { Locale } from '../../../core/text';
import { clearCalendarCache, loadBureauYears, loadCalendar } from '../../deadlines/calendar';

export interface YearSummary {
  year: number;
  source: 'built-in' | 'bureau';
  basis: string;
  confirmed: boolean;
  holidays: number;
  makeUpDays: number;
  updatedAt: string | null;
}

function summary(entry: CalendarYearInput, source: YearSummary['source'], updatedAt: Date | null): YearSummary {
  return {
    year: entry.year,
    source,
    basis: entry.source,
    confirmed: true,
    holidays: new Set(entry.holidays.flatMap((h) => h.days)).size,
    makeUpDays: entry.makeUpWorkdays.length,
    updatedAt: updatedAt ? updatedAt.toISOString() : null,
  };
}

/** Every year the platform has data for, ascending. */
export async function listYears(db: AppDb): Promise<YearSummary[]> {
  const bureau = await loadBureauYears(db);
  const out = new Map<number, YearSummary>();
  for (const e of CN_BUILT_IN_YEARS) out.set(e.year, summary(e, 'built-in', null));
  for (const [year, y] of bureau) out.set(year, summary(y.entry, 'bureau', y.updatedAt));
  return [...out.values()].sort((a, b) => a.year - b.year);
}

/** One year's entry (the bureau's if entered, else the built-in one); 404 when the platform has none. */
export async function getYear(db: AppDb, year: number): Promise<CalendarYearInput> {
  const bureau = await loadBureauYears(db);
  const entry = bureau.get(year)?.entry ?? CN_BUILT_IN_YEARS.find((e) => e.year === year);
  if (!entry) throw new AppError('NOT_FOUND', { message: { zh: `尚未录入 ${year} 年的节假日安排`, en: `No holiday schedule has been entered for ${year}` } });
  return entry;
}

/** Stores the bureau's entry for a year (the body passed calendarYearSchema). */
export async function saveYear(db: AppDb, ctx: RequestContext, year: number, entry: CalendarYear): Promise<CalendarYear> {
  if (entry.year !== year) {
    const message = { zh: `正文中的年份（${entry.year}）与网址中的年份（${year}）不一致`, en: `The year in the body (${entry.year}) differs from the year in the address (${year})` };
    throw new AppError('VALIDATION_FAILED', {
      details: { fields: [{ path: 'year', code: 'YEAR_MISMATCH', message: ctx.locale === 'en' ? message.en : message.zh }] },
    });
  }
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarYears).where(sql`${calendarYears.year} = ${year}`).for('update');
    await tx
      .insert(calendarYears)
      .values({ year, entry: entry as unknown as Record<string, unknown>, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({ target: calendarYears.year, set: { entry: entry as unknown as Record<string, unknown>, updatedBy: ctx.actor.userId, updatedAt: sql`now()` } });
    await recordAudit(tx, originOf(ctx), {
      action: before ? 'calendar.year.update' : 'calendar.year.create',
      targetType: 'calendarYear',
      targetId: String(year),
      summary: {
        year,
        holidays: entry.holidays.map((h) => ({ name: h.name.zh, from: h.days[0], to: h.days[h.days.length - 1], days: h.days.length })),
        makeUpWorkdays: entry.makeUpWorkdays,
      },
    });
  });
  clearCalendarCache();
  return entry;
}

/** `from` + `days` working days, with the holidays and make-up days crossed on the way. */
export async function previewWorkingDays(db: AppDb, from: string, days: number, locale: Locale) {
  const calendar = await loadCalendar(db);
  const start = parseIsoDate(from);
  let r: ReturnType<typeof addWorkingDays>;
  try {
    r = addWorkingDays(start, days, calendar);
  } catch (err) {
    // Counting past the last year the platform holds dates for.
    if (!(err instanceof CalendarError)) throw err;
    throw new AppError('VALIDATION_FAILED', {
      details: { fields: [{ path: 'querystring.days', code: 'BEYOND_CALENDAR', message: locale === 'en' ? `The result lies beyond ${MAX_YEAR}` : `结果日期超出 ${MAX_YEAR} 年` }] },
    });
  }
  const crossed: Array<{ date: string; name: { zh: string; en: string } }> = [];
  const makeUpDays: string[] = [];
  for (let d = addDays(start, 1); d <= r.value; d = addDays(d, 1)) {
    const info = describeDay(d, calendar);
    if (info.kind === 'holiday' && info.holiday) crossed.push({ date: d, name: info.holiday });
    if (info.kind === 'makeUpWorkday') makeUpDays.push(d);
  }
  return { due: r.value, confirmed: r.confirmed, unconfirmedYears: r.unconfirmedYears, crossed, makeUpDays };
}
