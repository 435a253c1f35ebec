/**
 * 备案号: ZSSZ-<year>-<5-digit sequence>. The per-year counter row is incremented inside the
 * submitting transaction: concurrent submissions queue on its row lock, a rolled-back submission
 * releases its number, so numbers are unique, never reused and gap-free.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';

export const FILING_PREFIX = 'ZSSZ';

/** The calendar year in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}

export function formatFilingNo(year: number, seq: number): string {
  return `${FILING_PREFIX}-${year}-${String(seq).padStart(5, '0')}`;
}

export const FILING_NO_PATTERN = /^ZSSZ-\d{4}-\d{5,}$/;

export async function nextFilingNo(tx: DbOrTx, at: Date): Promise<string> {
  const year = shanghaiYear(at);
  const res = await tx.execute<{ last: number }>(sql`
    insert into filing_counters (year, last) values (${year}, 1)
    on conflict (year) do update set last = filing_counters.last + 1
    returning last`);
  const last = Number(res.rows[0]?.last);
  return formatFilingNo(year, last);
}
