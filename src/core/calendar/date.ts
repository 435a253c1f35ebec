/**
 * Calendar dates as plain `YYYY-MM-DD` strings. All arithmetic is done on the day number (days since
 * 1970-01-01 in the proleptic Gregorian calendar), never on a local-time `Date`, so no time zone or DST
 * can shift a day. Deadlines are kept in Asia/Shanghai dates: China uses UTC+8 all year (no DST).
 */

/** A calendar date `YYYY-MM-DD` that passed `parseIsoDate`. */
export type IsoDate = string & { readonly __isoDate: unique symbol };

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `s` is a real Gregorian date `YYYY-MM-DD` between MIN_YEAR and MAX_YEAR. */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = PATTERN.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export class CalendarError extends Error {
  constructor(
    readonly code: 'INVALID_DATE' | 'INVALID_COUNT' | 'INVALID_CALENDAR',
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

export function parseIsoDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw new CalendarError('INVALID_DATE', `Not a calendar date between ${MIN_YEAR} and ${MAX_YEAR}: ${JSON.stringify(s)}`);
  return s;
}

/** Days since 1970-01-01. */
export function dayNumber(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(n: number): IsoDate {
  return parseIsoDate(new Date(n * DAY_MS).toISOString().slice(0, 10));
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(d) + n);
}

export function yearOf(d: IsoDate): number {
  return Number(d.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return (((dayNumber(d) + 4) % 7) + 7) % 7;
}

export function isWeekend(d: IsoDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return parseIsoDate(new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10));
}

/** The instant a Shanghai calendar date begins (00:00 UTC+8). */
export function shanghaiStartOfDay(d: IsoDate): Date {
  return new Date(dayNumber(d) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** The instant a Shanghai calendar date ends (the next day's 00:00 UTC+8, exclusive). */
export function shanghaiEndOfDay(d: IsoDate): Date {
  return new Date((dayNumber(d) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}
