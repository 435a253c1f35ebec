/**
 * Calendar dates in requests: one rule for every date field and filter.
 * A date is written YYYY-MM-DD, is a real day of the Gregorian calendar (no 2026-02-30, no 0000-00-00)
 * and lies within the years the platform can meaningfully hold, so nothing downstream (`new Date`, SQL)
 * ever sees an impossible value.
 */
import { z } from 'zod';
import { bi } from './validation';

export const DATE_MIN_YEAR = 2000;
export const DATE_MAX_YEAR = 2100;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why a string is not an acceptable date, or null when it is one. */
export function dateProblem(s: string): 'format' | 'calendar' | 'range' | null {
  const m = DATE_PATTERN.exec(s);
  if (!m) return 'format';
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'calendar';
  if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) return 'range';
  return null;
}

export function isCalendarDate(s: string): boolean {
  return dateProblem(s) === null;
}

const MESSAGES = {
  format: bi('日期格式应为 YYYY-MM-DD，例如 2026-03-31', 'Dates are written YYYY-MM-DD, e.g. 2026-03-31'),
  calendar: bi('不是有效的日期（请检查月份和日期，例如 2 月没有 30 日）', 'Not a real calendar date (check the month and day; February has no 30th)'),
  range: bi(`日期应在 ${DATE_MIN_YEAR} 年至 ${DATE_MAX_YEAR} 年之间`, `Dates must lie between the years ${DATE_MIN_YEAR} and ${DATE_MAX_YEAR}`),
} as const;

/** A calendar date `YYYY-MM-DD` (the value stays a string; the JSON schema says `format: date`). */
export const dateSchema = z
  .string()
  .superRefine((s, ctx) => {
    const problem = dateProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: MESSAGES[problem].message, input: s });
  })
  .meta({ format: 'date', example: '2026-03-31' });

/**
 * Orders two optional date fields of an object: when both are given, `to` may not be before `from`.
 * The issue names both fields (one issue on each), so a form can mark both.
 */
export function dateOrder<K1 extends string, K2 extends string>(
  fromKey: K1,
  toKey: K2,
  message: { message: string } = bi('开始日期不能晚于结束日期', 'The start date cannot be after the end date'),
) {
  return (v: Partial<Record<K1 | K2, string | null | undefined>>, ctx: z.RefinementCtx): void => {
    const from = v[fromKey];
    const to = v[toKey];
    if (!from || !to || !isCalendarDate(from) || !isCalendarDate(to) || to >= from) return;
    ctx.addIssue({ code: 'custom', path: [fromKey], message: message.message, input: from });
    ctx.addIssue({ code: 'custom', path: [toKey], message: message.message, input: to });
  };
}
