/**
 * The working-day calendar the server counts with: the built-in years (core/calendar/holidays-cn.ts) with the
 * bureau's own entries (table calendar_years) over them. Kept in memory per process; saving a year clears it
 * (after the commit). Another instance sees a saved year within CALENDAR_CACHE_MS.
 */
import { calendarYears } from '../../db/schema';
import type { DbOrTx } from '../../db/client';
import { calendarYearSchema, chinaCalendar, type Calendar, type CalendarYear } from '../../core/calendar';

/** How long a loaded calendar is reused before the table is read again (other instances' saves show by then). */
const CACHE_MS = 60_000;

let cached: { calendar: Calendar; at: number } | null = null;
let generation = 0;

export interface StoredYear {
  entry: CalendarYear;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The bureau's years, validated; a row that no longer passes the check is skipped (and reported once). */
export async function loadBureauYears(db: DbOrTx, onInvalid?: (year: number) => void): Promise<Map<number, StoredYear>> {
  const rows = await db.select().from(calendarYears).orderBy(calendarYears.year);
  const out = new Map<number, StoredYear>();
  for (const row of rows) {
    const parsed = calendarYearSchema.safeParse(row.entry);
    if (!parsed.success || parsed.data.year !== row.year) {
      onInvalid?.(row.year);
      continue;
    }
    out.set(row.year, { entry: parsed.data, updatedAt: row.updatedAt, updatedBy: row.updatedBy });
  }
  return out;
}

/** The calendar with the bureau's years, from the in-process cache when fresh. */
export async function loadCalendar(db: DbOrTx): Promise<Calendar> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.calendar;
  const started = generation;
  const years = await loadBureauYears(db);
  const calendar = chinaCalendar([...years.values()].map((y) => y.entry));
  // A save that happened while we were reading makes this answer stale: use it, but do not keep it.
  if (started === generation) cached = { calendar, at: Date.now() };
  return calendar;
}

/** Forget the loaded calendar (call after a year's save has committed). */
export function clearCalendarCache(): void {
  generation += 1;
  cached = null;
}

