import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CN_HOLIDAYS_2026,
  CalendarError,
  MAX_WORKING_DAYS,
  addDays,
  addWorkingDays,
  buildCalendar,
  calendarYearProblems,
  calendarYearSchema,
  chinaCalendar,
  dayOfWeek,
  describeDay,
  isWorkingDay,
  parseIsoDate,
  shanghaiDate,
  shanghaiEndOfDay,
  shanghaiStartOfDay,
  workingDayDeadline,
  workingDaysBetween,
  type CalendarYearInput,
} from './index';

const cn = chinaCalendar();
const weekendsOnly = buildCalendar([]);

/** A fictional 2027 entry, only to test a year end inside confirmed data. */
const TEST_2027: CalendarYearInput = {
  year: 2027,
  source: 'test data',
  holidays: [{ name: { zh: '元旦', en: "New Year's Day" }, days: ['2027-01-01'] }],
  makeUpWorkdays: ['2027-01-09'],
};

function entry(patch: Partial<CalendarYearInput>): CalendarYearInput {
  return { ...TEST_2027, ...patch };
}

describe('dates', () => {
  it('knows the weekday of a date without any time zone', () => {
    expect(dayOfWeek(parseIsoDate('2026-10-01'))).toBe(4); // Thursday
    expect(dayOfWeek(parseIsoDate('2026-01-04'))).toBe(0); // Sunday
    expect(addDays(parseIsoDate('2026-02-28'), 1)).toBe('2026-03-01');
    expect(addDays(parseIsoDate('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(parseIsoDate('2026-12-31'), 1)).toBe('2027-01-01');
  });

  it('refuses impossible dates', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '1999-12-31', '2101-01-01', '', '2026-10-01T00:00']) {
      expect(() => parseIsoDate(bad)).toThrow(CalendarError);
    }
  });

  it('maps instants to Shanghai calendar dates (UTC+8)', () => {
    expect(shanghaiDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(shanghaiDate(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
    expect(shanghaiStartOfDay(parseIsoDate('2026-10-01')).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(shanghaiEndOfDay(parseIsoDate('2026-10-01')).toISOString()).toBe('2026-10-01T16:00:00.000Z');
  });
});

describe('isWorkingDay', () => {
  it('takes weekends off and weekdays on', () => {
    expect(isWorkingDay('2026-03-06', cn)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', cn)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', cn)).toBe(false); // Sunday
    expect(isWorkingDay('2026-03-09', cn)).toBe(true); // Monday
  });

  it('takes the 2026 holidays off and works the make-up days (调休)', () => {
    expect(describeDay('2026-10-01', cn)).toMatchObject({ working: false, kind: 'holiday', holiday: { zh: '国庆节', en: 'National Day' }, confirmed: true });
    expect(describeDay('2026-10-07', cn)).toMatchObject({ working: false, kind: 'holiday' }); // a Wednesday
    expect(describeDay('2026-10-10', cn)).toMatchObject({ working: true, kind: 'makeUpWorkday' }); // a Saturday
    expect(describeDay('2026-09-20', cn)).toMatchObject({ working: true, kind: 'makeUpWorkday' }); // a Sunday
    expect(describeDay('2026-02-23', cn)).toMatchObject({ working: false, holiday: { zh: '春节' } }); // a Monday
    expect(isWorkingDay('2026-01-04', cn)).toBe(true); // Sunday after 元旦
  });

  it('every make-up day of the data falls on a weekend and every holiday is off', () => {
    for (const d of CN_HOLIDAYS_2026.makeUpWorkdays) expect([0, 6]).toContain(dayOfWeek(parseIsoDate(d)));
    for (const h of CN_HOLIDAYS_2026.holidays) for (const d of h.days) expect(isWorkingDay(d, cn)).toBe(false);
  });

  it('marks a year without data as unconfirmed and counts weekends only', () => {
    expect(describeDay('2027-01-01', cn)).toMatchObject({ working: true, kind: 'workday', confirmed: false }); // a Friday
    expect(describeDay('2026-01-01', weekendsOnly)).toMatchObject({ working: true, confirmed: false });
  });
});

describe('addWorkingDays', () => {
  it('n = 0 is the start itself, even on a day off', () => {
    expect(addWorkingDays('2026-03-06', 0, cn)).toEqual({ value: '2026-03-06', confirmed: true, unconfirmedYears: [] });
    expect(addWorkingDays('2026-10-01', 0, cn).value).toBe('2026-10-01');
  });

  it('skips weekends', () => {
    expect(addWorkingDays('2026-03-06', 1, cn).value).toBe('2026-03-09'); // Fri → Mon
    expect(addWorkingDays('2026-03-07', 1, cn).value).toBe('2026-03-09'); // Sat → Mon
    expect(addWorkingDays('2026-03-02', 10, cn).value).toBe('2026-03-16');
  });

  it('skips the National Day week and counts its make-up Saturday (国庆 2026)', () => {
    expect(addWorkingDays('2026-09-30', 1, cn).value).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 2, cn).value).toBe('2026-10-09');
    expect(addWorkingDays('2026-09-30', 3, cn).value).toBe('2026-10-10'); // 调休 Saturday
    expect(addWorkingDays('2026-09-30', 4, cn).value).toBe('2026-10-12');
    // the make-up Sunday before Mid-Autumn counts: Fri 18 → Sun 20 → Mon 21
    expect(addWorkingDays('2026-09-18', 1, cn).value).toBe('2026-09-20');
    expect(addWorkingDays('2026-09-18', 2, cn).value).toBe('2026-09-21');
    // 10 working days from 2026-09-24: 20 Sep is before; 25–27 Sep and 1–7 Oct are off, 10 Oct works
    expect(addWorkingDays('2026-09-24', 10, cn).value).toBe('2026-10-15');
  });

  it('skips the Spring Festival and works the Saturday before it', () => {
    expect(addWorkingDays('2026-02-13', 1, cn).value).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2, cn).value).toBe('2026-02-24');
  });

  it('spans a year end inside confirmed data', () => {
    const cal = chinaCalendar([TEST_2027]);
    expect(addWorkingDays('2026-12-31', 1, cal)).toEqual({ value: '2027-01-04', confirmed: true, unconfirmedYears: [] });
    expect(addWorkingDays('2027-01-08', 1, cal).value).toBe('2027-01-09'); // its make-up Saturday
  });

  it('flags a result that depends on a year without data', () => {
    expect(addWorkingDays('2026-12-31', 1, cn)).toEqual({ value: '2027-01-01', confirmed: false, unconfirmedYears: [2027] });
    expect(addWorkingDays('2025-12-31', 1, cn)).toEqual({ value: '2026-01-04', confirmed: false, unconfirmedYears: [2025] });
    expect(addWorkingDays('2026-12-01', 5, cn).confirmed).toBe(true);
  });

  it('refuses a negative, fractional or huge count and a bad date', () => {
    expect(() => addWorkingDays('2026-03-06', -1, cn)).toThrow(expect.objectContaining({ code: 'INVALID_COUNT' }));
    expect(() => addWorkingDays('2026-03-06', 1.5, cn)).toThrow(expect.objectContaining({ code: 'INVALID_COUNT' }));
    expect(() => addWorkingDays('2026-03-06', Number.NaN, cn)).toThrow(expect.objectContaining({ code: 'INVALID_COUNT' }));
    expect(() => addWorkingDays('2026-03-06', MAX_WORKING_DAYS + 1, cn)).toThrow(expect.objectContaining({ code: 'INVALID_COUNT' }));
    expect(() => addWorkingDays('2026/03/06', 1, cn)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });

  const day = fc.integer({ min: 0, max: 3 * 365 }).map((i) => addDays(parseIsoDate('2025-06-01'), i));

  it('adding a + b working days is adding a, then b (property)', () => {
    fc.assert(
      fc.property(day, fc.nat(60), fc.nat(60), (d, a, b) => {
        const once = addWorkingDays(d, a + b, cn).value;
        const twice = addWorkingDays(addWorkingDays(d, a, cn).value, b, cn).value;
        return once === twice;
      }),
      { numRuns: 300 },
    );
  });

  it('the result is a working day and lies n working days ahead (property)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const due = addWorkingDays(d, n, cn).value;
        return isWorkingDay(due, cn) && workingDaysBetween(d, due, cn).value === n && workingDaysBetween(due, d, cn).value === -n;
      }),
      { numRuns: 300 },
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days in (from, to]', () => {
    expect(workingDaysBetween('2026-03-06', '2026-03-06', cn)).toEqual({ value: 0, confirmed: true, unconfirmedYears: [] });
    expect(workingDaysBetween('2026-03-06', '2026-03-09', cn).value).toBe(1);
    expect(workingDaysBetween('2026-09-30', '2026-10-12', cn).value).toBe(4);
    expect(workingDaysBetween('2026-10-12', '2026-09-30', cn).value).toBe(-4);
    expect(workingDaysBetween('2026-10-01', '2026-10-07', cn).value).toBe(0);
    expect(workingDaysBetween('2026-12-30', '2027-01-05', cn)).toMatchObject({ value: 4, confirmed: false, unconfirmedYears: [2027] });
  });
});

describe('calendar year entries', () => {
  it('the built-in 2026 data passes its own schema', () => {
    expect(calendarYearSchema.safeParse(CN_HOLIDAYS_2026).success).toBe(true);
    expect(cn.years.get(2026)?.holidays.size).toBe(33);
    expect(cn.years.get(2026)?.makeUpWorkdays.size).toBe(6);
  });

  it('refuses a day that is both a holiday and a make-up working day', () => {
    const bad = entry({ makeUpWorkdays: ['2027-01-09', '2027-01-01'] });
    expect(calendarYearProblems(bad).map((p) => p.code)).toContain('HOLIDAY_AND_MAKE_UP');
    const r = calendarYearSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['makeUpWorkdays', 1]);
    expect(r.error?.issues[0]?.message).toContain('调休上班日');
    expect(() => buildCalendar([bad])).toThrow(expect.objectContaining({ code: 'INVALID_CALENDAR' }));
  });

  it('refuses dates outside the year, in both lists', () => {
    const bad = entry({ holidays: [{ name: { zh: '元旦', en: "New Year's Day" }, days: ['2026-12-31', '2027-01-01'] }], makeUpWorkdays: ['2028-01-08'] });
    const problems = calendarYearProblems(bad);
    expect(problems.filter((p) => p.code === 'OUTSIDE_YEAR').map((p) => p.path)).toEqual([
      ['holidays', 0, 'days', 0],
      ['makeUpWorkdays', 0],
    ]);
    expect(problems[0]?.message).toEqual({ zh: '2026-12-31 不在 2027 年内', en: '2026-12-31 is not in 2027' });
  });

  it('refuses a make-up day on a weekday, repeated days, malformed dates and missing names', () => {
    expect(calendarYearProblems(entry({ makeUpWorkdays: ['2027-01-06'] })).map((p) => p.code)).toEqual(['MAKE_UP_NOT_WEEKEND']);
    expect(calendarYearProblems(entry({ makeUpWorkdays: ['2027-01-09', '2027-01-09'] })).map((p) => p.code)).toEqual(['DUPLICATE_DAY']);
    expect(calendarYearSchema.safeParse(entry({ makeUpWorkdays: ['2027-02-30'] })).success).toBe(false);
    expect(calendarYearSchema.safeParse(entry({ holidays: [{ name: { zh: '', en: 'x' }, days: ['2027-01-01'] }] })).success).toBe(false);
    expect(calendarYearSchema.safeParse({ ...TEST_2027, extra: 1 }).success).toBe(false);
  });

  it('a year may be given once; an override replaces the built-in year', () => {
    expect(() => buildCalendar([TEST_2027, TEST_2027])).toThrow(expect.objectContaining({ code: 'INVALID_CALENDAR' }));
    const corrected = chinaCalendar([{ ...CN_HOLIDAYS_2026, makeUpWorkdays: [] }]);
    expect(isWorkingDay('2026-10-10', corrected)).toBe(false);
    expect(isWorkingDay('2026-10-10', cn)).toBe(true);
  });
});

describe('workingDayDeadline', () => {
  it('counts from the Shanghai date of the assignment and ends at Shanghai midnight', () => {
    // 2026-09-29 23:30 in Shanghai is still the 29th; 16:30 UTC the same evening is already the 30th there
    const d1 = workingDayDeadline(new Date('2026-09-29T15:30:00Z'), 2, cn);
    expect(d1).toEqual({ dueDate: '2026-10-08', dueAt: new Date('2026-10-08T16:00:00.000Z'), confirmed: true, unconfirmedYears: [] });
    const d2 = workingDayDeadline(new Date('2026-09-29T16:30:00Z'), 2, cn);
    expect(d2.dueDate).toBe('2026-10-09');
    expect(workingDayDeadline(new Date('2026-12-30T02:00:00Z'), 5, cn)).toMatchObject({ dueDate: '2027-01-06', confirmed: false, unconfirmedYears: [2027] });
  });
});
