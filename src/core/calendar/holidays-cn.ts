/**
 * Mainland China's public holidays and make-up working days (调休上班), as published by the State Council
 * each November for the following year. This is the platform's built-in reference data; the bureau adds or
 * corrects later years as data (a year entered by the bureau replaces the built-in one of the same year).
 */
import type { CalendarYearInput } from './schema';

export const CN_HOLIDAYS_2026: CalendarYearInput = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04，新华社发布）',
  holidays: [
    { name: { zh: '元旦', en: "New Year's Day" }, days: ['2026-01-01', '2026-01-02', '2026-01-03'] },
    {
      name: { zh: '春节', en: 'Spring Festival' },
      days: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
    },
    { name: { zh: '清明节', en: 'Qingming' }, days: ['2026-04-04', '2026-04-05', '2026-04-06'] },
    { name: { zh: '劳动节', en: 'Labour Day' }, days: ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'] },
    { name: { zh: '端午节', en: 'Dragon Boat Festival' }, days: ['2026-06-19', '2026-06-20', '2026-06-21'] },
    { name: { zh: '中秋节', en: 'Mid-Autumn Festival' }, days: ['2026-09-25', '2026-09-26', '2026-09-27'] },
    {
      name: { zh: '国庆节', en: 'National Day' },
      days: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    },
  ],
  makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** Every year the platform ships. */
export const CN_BUILT_IN_YEARS: readonly CalendarYearInput[] = [CN_HOLIDAYS_2026];
