/** Dates and numbers as the report shows them. Dates are in Asia/Shanghai (UTC+8, no daylight saving). */
import type { Locale, Text } from '../../../core/text';
import { formatDelta, formatPoints } from '../../../core/assessment';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
}

function shanghaiParts(iso: string): ShanghaiParts | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: String(d.getUTCHours()).padStart(2, '0'),
    minute: String(d.getUTCMinutes()).padStart(2, '0'),
  };
}

/** "2025年3月12日" / "12 Mar 2025"; null for a missing or unreadable timestamp. */
export function formatDate(iso: string | null): Text | null {
  const p = iso ? shanghaiParts(iso) : null;
  if (!p) return null;
  return { zh: `${p.year}年${p.month}月${p.day}日`, en: `${p.day} ${MONTHS_EN[p.month - 1] ?? ''} ${p.year}` };
}

/** "2025年3月12日 14:05" / "12 Mar 2025, 14:05 (UTC+8)". */
export function formatDateTime(iso: string | null): Text | null {
  const p = iso ? shanghaiParts(iso) : null;
  if (!p) return null;
  return {
    zh: `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`,
    en: `${p.day} ${MONTHS_EN[p.month - 1] ?? ''} ${p.year}, ${p.hour}:${p.minute} (UTC+8)`,
  };
}

/** "62.5 / 100". */
export function scoreOf(score: number, max: number): string {
  return `${formatPoints(score)} / ${formatPoints(max)}`;
}

/** A share 0–1 as "85%". */
export function percent(share: number): string {
  return `${Math.round(Math.max(0, share) * 100)}%`;
}

export const points = formatPoints;
export const delta = formatDelta;

export function pick(text: Text, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}
