/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-symbol alphabet
 * (digits and upper-case letters without I, O, S, V, Z); character 18 is a check character over 1–17.
 */
import type { Text } from '../text';

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const USCC_LENGTH = 18;

/** Zhongshan's administrative division code (行政区划代码), characters 3–8 of codes registered there. */
export const ZHONGSHAN_ADMIN_CODE = '442000';

export type UsccResult =
  | { ok: true; value: string }
  | { ok: false; reason: 'length' | 'charset' | 'checksum'; message: Text };

/** Trims surrounding whitespace and upper-cases, so "  91442000abc… " is checked as typed on paper. */
export function normalizeUscc(s: string): string {
  return s.trim().toUpperCase();
}

/** The check character for the first 17 characters. Throws if `first17` is malformed. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== USCC_LENGTH - 1) {
    throw new RangeError(`usccCheckChar needs 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`usccCheckChar: invalid character at position ${i + 1}`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c === 31 ? 0 : c);
}

const EXCLUDED_LETTERS = 'IOSVZ';

/** Validates a code after normalising it; the failure message says exactly what is wrong and where. */
export function validateUscc(s: string): UsccResult {
  const value = normalizeUscc(s);
  // Count code points so that a stray Chinese character reads as one character, not two.
  const chars = Array.from(value);
  if (chars.length === 0) {
    return {
      ok: false,
      reason: 'length',
      message: { zh: '请填写统一社会信用代码', en: 'Please enter the unified social credit code.' },
    };
  }
  if (chars.length !== USCC_LENGTH) {
    return {
      ok: false,
      reason: 'length',
      message: {
        zh: `统一社会信用代码应为18位，当前为${chars.length}位`,
        en: `The unified social credit code must have 18 characters; this one has ${chars.length}.`,
      },
    };
  }
  const bad = chars.findIndex((ch) => !USCC_CHARSET.includes(ch));
  if (bad >= 0) {
    const ch = chars[bad] ?? '';
    const position = bad + 1;
    const excluded = EXCLUDED_LETTERS.includes(ch);
    return {
      ok: false,
      reason: 'charset',
      message: excluded
        ? {
            zh: `第${position}位字符“${ch}”不是有效字符（不使用 I、O、S、V、Z）`,
            en: `Character ${position} "${ch}" is not valid (the letters I, O, S, V and Z are not used).`,
          }
        : {
            zh: `第${position}位字符“${ch}”不是有效字符（只能使用数字和除 I、O、S、V、Z 以外的大写字母）`,
            en: `Character ${position} "${ch}" is not valid (only digits and capital letters other than I, O, S, V, Z).`,
          },
    };
  }
  const expected = usccCheckChar(value.slice(0, USCC_LENGTH - 1));
  const actual = value.charAt(USCC_LENGTH - 1);
  if (actual !== expected) {
    return {
      ok: false,
      reason: 'checksum',
      message: {
        zh: `校验位错误：第18位应为“${expected}”，当前为“${actual}”，请核对代码是否抄错`,
        en: `Check character wrong: character 18 should be "${expected}", not "${actual}". Please check the code for typos.`,
      },
    };
  }
  return { ok: true, value };
}

/** Number of distinct 9-character bodies `makeUscc` can produce (31^9). */
export const MAKE_USCC_SEEDS = 31 ** 9;

/**
 * A valid, deterministic code for demo data and tests: "91" (工商 registered company) + Zhongshan's
 * "442000" + 9 symbols encoding `seed` in base 31 + the check character. Distinct seeds give distinct codes.
 */
export function makeUscc(seed: number): string {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed >= MAKE_USCC_SEEDS) {
    throw new RangeError(`makeUscc: seed must be an integer in [0, 31^9), got ${seed}`);
  }
  let body = '';
  let n = seed;
  for (let i = 0; i < 9; i++) {
    body = USCC_CHARSET.charAt(n % 31) + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91${ZHONGSHAN_ADMIN_CODE}${body}`;
  return first17 + usccCheckChar(first17);
}
