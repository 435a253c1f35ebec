/** Dates and times are always shown in China Standard Time (Asia/Shanghai), whatever the device's zone. */
import type { Lang } from './lang';

const ZONE = 'Asia/Shanghai';

function parts(value: string | Date, withTime: boolean): Record<string, string> | null {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** "2026-03-05" in Asia/Shanghai. A plain 'YYYY-MM-DD' date is returned as it is. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = parts(value, false);
  return p ? `${p.year}-${p.month}-${p.day}` : '—';
}

/** "2026-03-05 14:30" in Asia/Shanghai. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = parts(value, true);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : '—';
}

/** Today's date in Asia/Shanghai as 'YYYY-MM-DD'. */
export function todayInShanghai(): string {
  return formatDate(new Date());
}

export function numberText(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN').format(n);
}
