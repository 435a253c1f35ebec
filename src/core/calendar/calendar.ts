/**
 * The working-day calendar: weekends off, public holidays off, make-up working days (调休) on.
 * A year without data counts weekends only; every answer says whether the years it looked at are
 * confirmed (have data), so the UI can warn that a due date may still move.
 */
import type { Text } from '../text';
import { CalendarError, addDays, dayNumber, isWeekend, parseIsoDate, shanghaiDate, shanghaiEndOfDay, yearOf, type IsoDate } from './date';
import { CN_BUILT_IN_YEARS } from './holidays-cn';
import { calendarYearProblems, calendarYearShape, type CalendarYearInput } from './schema';

interface YearData {
  year: number;
  source: string;
  holidays: ReadonlyMap<string, Text>;
  makeUpWorkdays: ReadonlySet<string>;
}

export interface Calendar {
  readonly years: ReadonlyMap<number, YearData>;
}

/** The most working days one call may count (ten years), so no input can make a call loop for long. */
export const MAX_WORKING_DAYS = 2_600;

function compile(input: CalendarYearInput): YearData {
  const parsed = calendarYearShape.safeParse(input);
  if (!parsed.success) throw new CalendarError('INVALID_CALENDAR', `Calendar year ${String(input.year)} is malformed: ${parsed.error.message}`);
  const problems = calendarYearProblems(parsed.data);
  if (problems.length > 0) {
    throw new CalendarError('INVALID_CALENDAR', `Calendar year ${input.year}: ${problems.map((p) => p.message.en).join('; ')}`);
  }
  const holidays = new Map<string, Text>();
  for (const h of parsed.data.holidays) for (const d of h.days) holidays.set(d, { zh: h.name.zh, en: h.name.en });
  return { year: parsed.data.year, source: parsed.data.source, holidays, makeUpWorkdays: new Set(parsed.data.makeUpWorkdays) };
}

/**
 * A calendar from year entries. Each entry is validated (an invalid one throws INVALID_CALENDAR).
 * A year may appear once in `entries`; an entry in `overrides` replaces the year of the same number
 * (the bureau's own entries over the built-in data).
 */
export function buildCalendar(entries: readonly CalendarYearInput[], overrides: readonly CalendarYearInput[] = []): Calendar {
  const years = new Map<number, YearData>();
  for (const [layer, list] of [entries, overrides].entries()) {
    const seen = new Set<number>();
    for (const e of list) {
      if (seen.has(e.year)) throw new CalendarError('INVALID_CALENDAR', `Calendar year ${e.year} is given twice`);
      seen.add(e.year);
      if (layer === 0 && years.has(e.year)) throw new CalendarError('INVALID_CALENDAR', `Calendar year ${e.year} is given twice`);
      years.set(e.year, compile(e));
    }
  }
  return { years };
}

/** The platform's built-in calendar (mainland China, the years it ships). */
export function chinaCalendar(overrides: readonly CalendarYearInput[] = []): Calendar {
  return buildCalendar(CN_BUILT_IN_YEARS, overrides);
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** The holiday's name when `kind` is 'holiday'. */
  holiday: Text | null;
  /** Whether the day's year has calendar data; false → weekends only, the answer may change. */
  confirmed: boolean;
}

export function describeDay(date: string, calendar: Calendar): DayInfo {
  const d = parseIsoDate(date);
  const year = calendar.years.get(yearOf(d));
  const holiday = year?.holidays.get(d) ?? null;
  const base = { date: d, holiday, confirmed: year !== undefined };
  if (holiday) return { ...base, working: false, kind: 'holiday' };
  if (year?.makeUpWorkdays.has(d)) return { ...base, working: true, kind: 'makeUpWorkday' };
  return isWeekend(d) ? { ...base, working: false, kind: 'weekend' } : { ...base, working: true, kind: 'workday' };
}

export function isWorkingDay(date: string, calendar: Calendar): boolean {
  return describeDay(date, calendar).working;
}

export interface CalendarAnswer<T> {
  value: T;
  /** False when a year the answer depends on has no calendar data (weekends only were counted). */
  confirmed: boolean;
  /** The years without data the answer depends on, ascending. */
  unconfirmedYears: number[];
}

function yearsBetween(a: IsoDate, b: IsoDate, calendar: Calendar): number[] {
  const out: number[] = [];
  for (let y = Math.min(yearOf(a), yearOf(b)); y <= Math.max(yearOf(a), yearOf(b)); y++) if (!calendar.years.has(y)) out.push(y);
  return out;
}

function answer<T>(value: T, from: IsoDate, to: IsoDate, calendar: Calendar): CalendarAnswer<T> {
  const unconfirmedYears = yearsBetween(from, to, calendar);
  return { value, confirmed: unconfirmedYears.length === 0, unconfirmedYears };
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new CalendarError('INVALID_COUNT', `A number of working days is a whole number from 0 to ${MAX_WORKING_DAYS}, not ${n}`);
  }
}

/**
 * The date `n` working days after `start`: each step moves to the next working day. `n = 0` is `start`
 * itself (even on a day off), so `addWorkingDays(d, a + b)` equals `addWorkingDays(addWorkingDays(d, a), b)`.
 * A due date "within 10 working days" of an assignment on `start` is `addWorkingDays(start, 10)`.
 */
export function addWorkingDays(start: string, n: number, calendar: Calendar): CalendarAnswer<IsoDate> {
  const from = parseIsoDate(start);
  checkCount(n);
  let d = from;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return answer(d, from, d, calendar);
}

/**
 * The working days in (from, to]: how many `addWorkingDays` steps lead from `from` to `to` or past it.
 * Negative when `to` is before `from` (e.g. how many working days a due date is overdue, or still ahead).
 */
export function workingDaysBetween(from: string, to: string, calendar: Calendar): CalendarAnswer<number> {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  const [lo, hi, sign] = dayNumber(a) <= dayNumber(b) ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = lo; d < hi; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) count++;
  }
  return answer(count === 0 ? 0 : sign * count, lo, hi, calendar);
}

export interface Deadline {
  /** The last day to act, an Asia/Shanghai calendar date. */
  dueDate: IsoDate;
  /** The instant the due date ends (next day 00:00 UTC+8): overdue from this instant on. */
  dueAt: Date;
  confirmed: boolean;
  unconfirmedYears: number[];
}

/** The deadline of a step assigned at `assignedAt` with `workingDays` to complete it. */
export function workingDayDeadline(assignedAt: Date, workingDays: number, calendar: Calendar): Deadline {
  const r = addWorkingDays(shanghaiDate(assignedAt), workingDays, calendar);
  return { dueDate: r.value, dueAt: shanghaiEndOfDay(r.value), confirmed: r.confirmed, unconfirmedYears: r.unconfirmedYears };
}
