import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const DAY_MS = 86_400_000;

/** Today's date in Asia/Shanghai (UTC+8 all year), `YYYY-MM-DD`. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function dayNumber(d: string): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
}

/** How a due date stands today: overdue (days late), soon (within 2 calendar days) or later. */
export function dueState(dueOn: string, overdue: boolean, today: string = shanghaiToday()): { kind: 'overdue' | 'soon' | 'later'; days: number } {
  const ahead = dayNumber(dueOn) - dayNumber(today);
  if (overdue || ahead < 0) return { kind: 'overdue', days: Math.max(1, -ahead) };
  return { kind: ahead <= 2 ? 'soon' : 'later', days: ahead };
}

/**
 * A step's due date as a tag: 「截止 MM-DD」 (blue), 「即将到期」 (orange, within 2 days), 「已超期 N 天」 (red).
 * The server decides `overdue` with the working-day calendar; "soon" is counted here in calendar days.
 */
export function DueTag({ dueOn, overdue, today }: { dueOn: string | null; overdue: boolean; today?: string }) {
  const { t } = useTranslation();
  if (!dueOn || !/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) return null;
  const state = dueState(dueOn, overdue, today);
  const short = dueOn.slice(5);
  const title = t('deadlines.dueTitle', { date: dueOn });
  if (state.kind === 'overdue') {
    return (
      <Tag color="red" title={title} data-due={dueOn} data-due-state="overdue" style={{ marginInlineEnd: 0 }}>
        {t('deadlines.overdue', { count: state.days })}
      </Tag>
    );
  }
  return (
    <Tag color={state.kind === 'soon' ? 'orange' : 'blue'} title={title} data-due={dueOn} data-due-state={state.kind} style={{ marginInlineEnd: 0 }}>
      {state.kind === 'soon' ? t('deadlines.dueSoon', { date: short }) : t('deadlines.dueOn', { date: short })}
    </Tag>
  );
}
