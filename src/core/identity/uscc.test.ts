import { describe, expect, it } from 'vitest';
import { MAKE_USCC_SEEDS, USCC_CHARSET, makeUscc, normalizeUscc, usccCheckChar, validateUscc } from './uscc';

/** Codes published on public business-registration records; each passes the GB 32100-2015 check. */
const PUBLISHED_CODES = [
  '91110000100017643K',
  '911100007109288314',
  '914403001922038216',
  '9144030071526726XG',
  '91330100716105852F',
  '91110108551385082Q',
  '91440300708461136T',
  '91110000710925462X',
  '91110000101620052A',
];

function failure(input: string) {
  const r = validateUscc(input);
  if (r.ok) throw new Error(`expected ${input} to be rejected`);
  return r;
}

describe('validateUscc', () => {
  it.each(PUBLISHED_CODES)('accepts the published code %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it('accepts lower case and surrounding blanks after normalising', () => {
    expect(normalizeUscc('  9144030071526726xg\t')).toBe('9144030071526726XG');
    expect(validateUscc(' 9144030071526726xg ')).toEqual({ ok: true, value: '9144030071526726XG' });
  });

  it('rejects every single-character substitution of a valid code', () => {
    const codes = [...PUBLISHED_CODES, makeUscc(0), makeUscc(123_456_789)];
    let checked = 0;
    for (const code of codes) {
      for (let i = 0; i < code.length; i++) {
        for (const symbol of USCC_CHARSET) {
          if (symbol === code[i]) continue;
          const mutated = code.slice(0, i) + symbol + code.slice(i + 1);
          expect(failure(mutated).reason, `${mutated} (position ${i + 1})`).toBe('checksum');
          checked++;
        }
      }
    }
    expect(checked).toBe(codes.length * 18 * 30);
  });

  it('reports a wrong length with the actual count', () => {
    const short = failure('9144030071526726X');
    expect(short.reason).toBe('length');
    expect(short.message.zh).toBe('统一社会信用代码应为18位，当前为17位');
    expect(short.message.en).toContain('has 17');
    expect(failure('9144030071526726XG0').message.zh).toBe('统一社会信用代码应为18位，当前为19位');
    expect(failure('').message.zh).toBe('请填写统一社会信用代码');
    expect(failure('   ').reason).toBe('length');
  });

  it('names the position and the character that is not allowed', () => {
    const excluded = failure('9144I30071526726XG');
    expect(excluded.reason).toBe('charset');
    expect(excluded.message.zh).toBe('第5位字符“I”不是有效字符（不使用 I、O、S、V、Z）');
    for (const letter of 'IOSVZ') {
      expect(failure(`${letter}144030071526726XG`).message.zh).toContain('不使用 I、O、S、V、Z');
    }
    expect(failure('91440300-1526726XG').message.zh).toBe(
      '第9位字符“-”不是有效字符（只能使用数字和除 I、O、S、V、Z 以外的大写字母）',
    );
    // A Chinese character counts as one character, at its visible position.
    expect(failure('914403007152672中XG').message.zh).toContain('第16位字符“中”');
  });

  it('names the expected check character', () => {
    const r = failure('9144030071526726XA');
    expect(r.reason).toBe('checksum');
    expect(r.message.zh).toMatch(/^校验位错误：第18位应为“G”/);
  });
});

describe('usccCheckChar', () => {
  it('maps a remainder of 0 to "0"', () => {
    // Σ = 0 (all zeros) → 31 - 0 = 31 → '0'.
    expect(usccCheckChar('0'.repeat(17))).toBe('0');
  });

  it('refuses malformed input', () => {
    expect(() => usccCheckChar('123')).toThrow(RangeError);
    expect(() => usccCheckChar('9144030071526726I')).toThrow(RangeError);
  });
});

describe('makeUscc', () => {
  it('generates valid Zhongshan codes deterministically', () => {
    for (const seed of [0, 1, 30, 31, 42, 999_999, MAKE_USCC_SEEDS - 1]) {
      const code = makeUscc(seed);
      expect(code).toMatch(/^91442000[0-9A-HJ-NPQRTUWXY]{10}$/);
      expect(validateUscc(code)).toEqual({ ok: true, value: code });
      expect(makeUscc(seed)).toBe(code);
    }
  });

  it('gives distinct codes for distinct seeds', () => {
    const codes = new Set(Array.from({ length: 5000 }, (_, i) => makeUscc(i * 7919)));
    expect(codes.size).toBe(5000);
  });

  it('refuses seeds it cannot encode', () => {
    expect(() => makeUscc(-1)).toThrow(RangeError);
    expect(() => makeUscc(1.5)).toThrow(RangeError);
    expect(() => makeUscc(MAKE_USCC_SEEDS)).toThrow(RangeError);
  });
});
