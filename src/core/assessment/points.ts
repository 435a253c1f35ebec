/**
 * Points are handled internally as integer thousandths ("milli-points") so sums of 1.875, 0.7 … never
 * drift; results expose plain numbers with at most 3 decimals.
 */

export type Milli = number;

/** Points (≤ 3 decimals) → milli-points. */
export function toMilli(points: number): Milli {
  return Math.round(points * 1000);
}

/** Milli-points → points, exact to 3 decimals. */
export function fromMilli(milli: Milli): number {
  return milli / 1000;
}

/** Points for display: up to 3 decimals, no trailing zeros ("37.5", "40", "1.875"). */
export function formatPoints(points: number): string {
  const milli = toMilli(points);
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const int = Math.floor(abs / 1000);
  const frac = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

/** A signed delta for display ("+2.5", "-1", "0"). */
export function formatDelta(points: number): string {
  return points > 0 ? `+${formatPoints(points)}` : formatPoints(points);
}
