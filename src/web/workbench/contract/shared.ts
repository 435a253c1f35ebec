/** Small helpers of the contract area: money in fen shown as yuan, server field paths onto antd form names. */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

/** Integer fen as yuan with two decimals and thousands separators (exact: from the integer's digits). */
export function yuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

export function toFen(yuan: number | null | undefined): number | null {
  return yuan === null || yuan === undefined || Number.isNaN(yuan) ? null : Math.round(yuan * 100);
}

export function toYuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 100;
}

export function lineAmountFen(quantity: number | null | undefined, unitPriceFen: number | null | undefined): number {
  return Math.round((quantity ?? 0) * (unitPriceFen ?? 0));
}

type NamePath = (string | number)[];

/**
 * Marks the server's field errors on the form (a path like `parties.1.duties` becomes ['parties', 1, 'duties'];
 * `rename` maps server names to form names); returns the messages that match no field.
 */
export function markFieldErrors(form: FormInstance, err: unknown, known: readonly string[], rename: Record<string, string> = {}): string[] {
  if (!(err instanceof ApiError)) return [];
  const rest: string[] = [];
  const fields: Array<{ name: NamePath; errors: string[] }> = [];
  for (const f of err.fields) {
    const segs: NamePath = f.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : (rename[s] ?? s)));
    if (!known.includes(String(segs[0]))) {
      rest.push(f.message);
      continue;
    }
    fields.push({ name: segs, errors: [f.message] });
  }
  (form.setFields as (fields: { name: NamePath; errors: string[] }[]) => void)(fields);
  return rest;
}
