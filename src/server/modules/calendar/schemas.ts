/** Request and response schemas of the holiday calendar (calendar years, working-day preview). */
import { z } from 'zod';
import { calendarYearSchema, MAX_WORKING_DAYS, MAX_YEAR, MIN_YEAR } from '../../../core/calendar';
import { dateSchema } from '../../http/dates';
import { textSchema } from '../../http/schemas';
import { bi } from '../../http/validation';

export const yearParams = z.strictObject({
  year: z.coerce
    .number(bi('年份应为数字，例如 2027', 'The year is a number, e.g. 2027'))
    .int(bi('年份应为整数，例如 2027', 'The year is a whole number, e.g. 2027'))
    .min(MIN_YEAR, bi(`年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`, `The year lies between ${MIN_YEAR} and ${MAX_YEAR}`))
    .max(MAX_YEAR, bi(`年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`, `The year lies between ${MIN_YEAR} and ${MAX_YEAR}`)),
});

export const calendarEntry = calendarYearSchema;

export const yearSummary = z.object({
  year: z.number().int(),
  /** 'built-in': shipped with the platform; 'bureau': entered (or corrected) by the bureau. */
  source: z.enum(['built-in', 'bureau']),
  /** The document the schedule follows (the State Council notice). */
  basis: z.string(),
  confirmed: z.boolean(),
  /** Days off for public holidays. */
  holidays: z.number().int(),
  /** Make-up working days (调休上班). */
  makeUpDays: z.number().int(),
  updatedAt: z.string().nullable(),
});

export const workingDaysQuery = z.strictObject({
  from: dateSchema,
  days: z.coerce
    .number(bi('请填写工作日数', 'Enter a number of working days'))
    .int(bi('工作日数应为整数', 'The number of working days is a whole number'))
    .min(0, bi('工作日数不能为负数', 'The number of working days cannot be negative'))
    .max(MAX_WORKING_DAYS, bi(`工作日数不超过 ${MAX_WORKING_DAYS}`, `At most ${MAX_WORKING_DAYS} working days`)),
});

export const workingDaysAnswer = z.object({
  due: z.string(),
  /** Whether every year the count crossed has calendar data (false: weekends only were counted there). */
  confirmed: z.boolean(),
  unconfirmedYears: z.array(z.number().int()),
  /** Days off other than weekends between `from` (exclusive) and `due` (inclusive). */
  crossed: z.array(z.object({ date: z.string(), name: textSchema })),
  /** Make-up working days (调休上班) counted on the way. */
  makeUpDays: z.array(z.string()),
});
