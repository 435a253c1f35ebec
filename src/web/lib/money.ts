/**
 * Amount entry and display for the web app. Parsing is string-based (never floats): the clerk may type
 * in 元 (two decimals) or 万元 (up to six decimals, i.e. still exact to the fen).
 */
import { formatFenAsWan, formatFenAsYuan, parseYuanToFen, type ParseYuanResult } from '../../core/money';
import type { Text } from '../../core/text';

export type AmountUnit = 'yuan' | 'wan';

const WAN_DECIMALS: Text = { zh: '以万元填写时最多保留六位小数（精确到分）', en: 'In 10k yuan (万元) at most six decimals are allowed (exact to the fen).' };

/** Shifts a decimal string four places to the right: "1.234567" 万元 → "12345.67" 元. */
function wanToYuanString(s: string): string | null {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s.replaceAll(',', ''));
  if (!m) return null;
  const whole = m[1] ?? '0';
  const frac = m[2] ?? '';
  const padded = frac.padEnd(4, '0');
  const intPart = `${whole}${padded.slice(0, 4)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(4);
  return rest ? `${intPart}.${rest}` : intPart;
}

export function parseAmountToFen(input: string, unit: AmountUnit): ParseYuanResult {
  if (unit === 'yuan') return parseYuanToFen(input);
  const s = input.trim();
  if (s === '' || s.startsWith('-')) return parseYuanToFen(s);
  const m = /^[\d,]+(?:\.(\d+))?$/.exec(s);
  if (m && (m[1] ?? '').length > 6) return { ok: false, message: WAN_DECIMALS };
  const yuan = m ? wanToYuanString(s) : null;
  return parseYuanToFen(yuan ?? s);
}

/** "1,234,567.89 元" */
export function yuanText(fen: number | null | undefined, unitLabel: string): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—';
  return `${formatFenAsYuan(fen)} ${unitLabel}`;
}

/** "123.46" (万元, for lists) */
export function wanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—';
  return formatFenAsWan(fen);
}

/** A fen amount as an editable yuan string with two decimals and no grouping: 123456 → "1234.56". */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '';
  return formatFenAsYuan(fen).replaceAll(',', '');
}
