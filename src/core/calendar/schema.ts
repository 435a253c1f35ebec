/**
 * One year of the working-day calendar as data: named holidays (zh + en) and make-up working days.
 * `calendarYearShape` checks the form; `calendarYearProblems` checks the meaning (every date inside the
 * year, no day both a holiday and a make-up working day, make-up days on a weekend, no repeats);
 * `calendarYearSchema` is both, with bilingual messages in the platform's zod message format.
 */
import { z } from 'zod';
import type { Text } from '../text';
import { MAX_YEAR, MIN_YEAR, isIsoDate, isWeekend, yearOf, type IsoDate } from './date';

/** The platform's bilingual zod message format (the server's `bi()` in http/validation.ts reads it). */
function bi(zh: string, en: string): string {
  return 'i18n:' + JSON.stringify({ zh, en });
}

const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: bi(`日期格式应为 YYYY-MM-DD，且在 ${MIN_YEAR}–${MAX_YEAR} 年之间`, `Dates are written YYYY-MM-DD, between ${MIN_YEAR} and ${MAX_YEAR}`) });

const textSchema = z.object({
  zh: z.string().trim().min(1, { message: bi('请填写中文名称', 'Enter the Chinese name') }).max(40),
  en: z.string().trim().min(1, { message: bi('请填写英文名称', 'Enter the English name') }).max(80),
});

export const calendarYearShape = z.strictObject({
  year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
  /** Where the schedule comes from, e.g. the State Council notice. */
  source: z.string().trim().min(1, { message: bi('请填写依据（如国务院办公厅通知）', 'Name the source (e.g. the State Council notice)') }).max(300),
  holidays: z.array(z.strictObject({ name: textSchema, days: z.array(isoDateSchema).min(1).max(31) })).max(30),
  makeUpWorkdays: z.array(isoDateSchema).max(30),
});

export type CalendarYearInput = z.input<typeof calendarYearShape>;

export interface CalendarProblem {
  path: (string | number)[];
  code: 'OUTSIDE_YEAR' | 'HOLIDAY_AND_MAKE_UP' | 'MAKE_UP_NOT_WEEKEND' | 'DUPLICATE_DAY';
  message: Text;
}

/** The meaning checks of a well-formed year entry; empty when it is sound. */
export function calendarYearProblems(entry: CalendarYearInput): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const outside = (path: (string | number)[], d: string) =>
    problems.push({
      path,
      code: 'OUTSIDE_YEAR',
      message: { zh: `${d} 不在 ${entry.year} 年内`, en: `${d} is not in ${entry.year}` },
    });
  const holidayDays = new Map<string, string>();
  entry.holidays.forEach((h, i) =>
    h.days.forEach((d, j) => {
      const path = ['holidays', i, 'days', j];
      if (!isIsoDate(d)) return;
      if (yearOf(d) !== entry.year) outside(path, d);
      if (holidayDays.has(d)) {
        problems.push({ path, code: 'DUPLICATE_DAY', message: { zh: `${d} 重复列为假日`, en: `${d} is listed as a holiday twice` } });
      }
      holidayDays.set(d, h.name.zh);
    }),
  );
  const makeUp = new Set<string>();
  entry.makeUpWorkdays.forEach((d, j) => {
    const path = ['makeUpWorkdays', j];
    if (!isIsoDate(d)) return;
    if (yearOf(d) !== entry.year) outside(path, d);
    if (holidayDays.has(d)) {
      problems.push({
        path,
        code: 'HOLIDAY_AND_MAKE_UP',
        message: { zh: `${d} 不能既是假日（${holidayDays.get(d)}）又是调休上班日`, en: `${d} cannot be both a holiday and a make-up working day` },
      });
    }
    if (!isWeekend(d as IsoDate)) {
      problems.push({
        path,
        code: 'MAKE_UP_NOT_WEEKEND',
        message: { zh: `${d} 本是工作日，调休上班日应为周六或周日`, en: `${d} is a weekday already; make-up working days fall on a Saturday or Sunday` },
      });
    }
    if (makeUp.has(d)) {
      problems.push({ path, code: 'DUPLICATE_DAY', message: { zh: `${d} 重复列为调休上班日`, en: `${d} is listed as a make-up working day twice` } });
    }
    makeUp.add(d);
  });
  return problems;
}

/** The whole check, for request bodies and stored rows. */
export const calendarYearSchema = calendarYearShape.superRefine((entry, ctx) => {
  for (const p of calendarYearProblems(entry)) ctx.addIssue({ code: 'custom', path: p.path, message: bi(p.message.zh, p.message.en) });
});

export type CalendarYear = z.output<typeof calendarYearSchema>;
