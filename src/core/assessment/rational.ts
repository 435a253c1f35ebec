/**
 * Exact rational arithmetic on bigint, used for ratios and band boundaries so that e.g. 1/10 is exactly
 * 10% (never 10.000000000000002%). A JS number is read as the decimal it prints as, which is what a user
 * typed ("0.1" → 1/10).
 */

export interface Rational {
  readonly n: bigint;
  /** Always > 0. */
  readonly d: bigint;
}

const TEN = 10n;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('Rational with zero denominator');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

/** The exact value of the decimal representation of a finite number. */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`Cannot read number: ${x}`);
  const [, sign = '', int = '0', frac = '', exp = '0'] = match;
  const scale = frac.length - Number(exp);
  let n = BigInt(`${sign}${int}${frac}`);
  let d = 1n;
  if (scale >= 0) d = TEN ** BigInt(scale);
  else n *= TEN ** BigInt(-scale);
  return rational(n, d);
}

export const mul = (a: Rational, b: Rational): Rational => rational(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => rational(a.n * b.d, a.d * b.n);
export const add = (a: Rational, b: Rational): Rational => rational(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rational(a.n * b.d - b.n * a.d, a.d * b.d);

export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const diff = a.n * b.d - b.n * a.d;
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

export const isInteger = (r: Rational): boolean => r.n % r.d === 0n;

export function toNumber(r: Rational): number {
  return Number(r.n) / Number(r.d);
}

/** Decimal string with exactly `decimals` digits, rounded half away from zero. */
export function toFixed(r: Rational, decimals: number): string {
  const scale = TEN ** BigInt(decimals);
  const negative = r.n < 0n;
  const abs = negative ? -r.n : r.n;
  const scaled = (abs * scale * 2n + r.d) / (2n * r.d);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  const body = decimals > 0 ? `${int}.${frac}` : int;
  return negative && scaled !== 0n ? `-${body}` : body;
}

/** Whether the rational has a finite decimal expansion with at most `decimals` digits. */
export function hasDecimals(r: Rational, decimals: number): boolean {
  return (r.n * TEN ** BigInt(decimals)) % r.d === 0n;
}
