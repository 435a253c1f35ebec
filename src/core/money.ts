/**
 * Money is an integer number of fen (分, 0.01 yuan), always a safe integer. Parsing and formatting work on
 * decimal digit strings and integers only: no floating-point arithmetic ever touches an amount.
 */
import type { Text } from './text';

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000; // 1 万元 = 10,000 yuan
export const FEN_PER_YI = 10_000_000_000; // 1 亿元 = 100,000,000 yuan

export type ParseYuanResult = { ok: true; fen: number } | { ok: false; message: Text };

const PLAIN_AMOUNT = /^(\d+)(?:\.(\d+))?$/;
const GROUPED_AMOUNT = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const MESSAGES = {
  empty: { zh: '请输入金额', en: 'Please enter an amount.' },
  negative: { zh: '金额不能为负数', en: 'The amount cannot be negative.' },
  format: {
    zh: '金额格式不正确，请输入数字，如 1234.56 或 1,234.56',
    en: 'Invalid amount: enter a number such as 1234.56 or 1,234.56.',
  },
  decimals: { zh: '金额最多保留两位小数（精确到分）', en: 'An amount can have at most two decimals (fen).' },
  tooLarge: { zh: '金额过大，超出系统可处理的范围', en: 'The amount is too large for the system to handle.' },
} satisfies Record<string, Text>;

/**
 * Parses a yuan amount typed by a user ("1234", "1,234.5", "1234.56") into fen. Thousands separators must
 * be well placed; at most two decimals; no sign, no exponent, no currency symbol.
 */
export function parseYuanToFen(input: string): ParseYuanResult {
  const s = input.trim();
  if (s === '') return { ok: false, message: MESSAGES.empty };
  if (/^-\s*[\d.,]/.test(s)) return { ok: false, message: MESSAGES.negative };
  const match = PLAIN_AMOUNT.exec(s) ?? GROUPED_AMOUNT.exec(s);
  if (!match) return { ok: false, message: MESSAGES.format };
  const integerPart = (match[1] ?? '').replaceAll(',', '');
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, message: MESSAGES.decimals };
  const fen = BigInt(integerPart + fraction.padEnd(2, '0'));
  if (fen > MAX_SAFE) return { ok: false, message: MESSAGES.tooLarge };
  return { ok: true, fen: Number(fen) };
}

/** Converts a whole number of yuan to fen. Throws a RangeError for non-integers or unsafe results. */
export function yuanToFen(yuanInteger: number): number {
  if (!Number.isSafeInteger(yuanInteger)) throw new RangeError(`yuanToFen: not a safe integer: ${yuanInteger}`);
  const fen = yuanInteger * FEN_PER_YUAN;
  if (!Number.isSafeInteger(fen)) throw new RangeError(`yuanToFen: ${yuanInteger} yuan is out of range`);
  return fen;
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a safe integer amount of fen: ${fen}`);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `scaled` (an integer counted in units of 10^-decimals) as a grouped decimal string: (123456, 2) → "1,234.56". */
function formatScaled(scaled: number, decimals: number): string {
  const sign = scaled < 0 ? '-' : '';
  const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return `${sign}${groupThousands(whole)}${decimals > 0 ? `.${frac}` : ''}`;
}

/** 123456 → "1,234.56" (yuan, two decimals, thousands separators). */
export function formatFenAsYuan(fen: number): string {
  assertFen(fen);
  return formatScaled(fen, 2);
}

/**
 * Fen as 万元 with two decimals, rounded half-up (away from zero) by integer arithmetic:
 * 123_450_000 fen (1,234,500 yuan) → "123.45"; 123_456_789 fen → "123.46".
 */
export function formatFenAsWan(fen: number): string {
  assertFen(fen);
  const unit = FEN_PER_WAN / 100; // fen per 0.01 万元
  const abs = Math.abs(fen);
  const rounded = Math.floor(abs / unit) + (abs % unit >= unit / 2 ? 1 : 0);
  return formatScaled(fen < 0 ? -rounded : rounded, 2);
}

/** The exact decimal value of `abs / 10^shift` with trailing zeros trimmed: (450, 2) → "4.5". */
function exactDecimal(abs: number, shift: number): string {
  const digits = String(abs).padStart(shift + 1, '0');
  const whole = digits.slice(0, digits.length - shift);
  const frac = digits.slice(digits.length - shift).replace(/0+$/, '');
  return frac === '' ? whole : `${whole}.${frac}`;
}

/**
 * An exact, human amount in Chinese units for sentences: "4.5亿元", "2000万元", "299.999999万元", "5000元",
 * "0.01元". Nothing is rounded.
 */
export function formatFenZh(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  if (abs >= FEN_PER_YI) return `${sign}${exactDecimal(abs, 10)}亿元`;
  if (abs >= FEN_PER_WAN) return `${sign}${exactDecimal(abs, 6)}万元`;
  return `${sign}${exactDecimal(abs, 2)}元`;
}

/** An exact amount for English sentences: "450,000,000 yuan", "2,999,999.99 yuan". */
export function formatFenEn(fen: number): string {
  const yuan = formatFenAsYuan(fen);
  return `${yuan.endsWith('.00') ? yuan.slice(0, -3) : yuan} yuan`;
}
