/** Labels of announcements shared by the portal and the workbench. */
import type { TFunction } from 'i18next';
import type { AnnouncementSummary } from './api';

export function windowText(t: TFunction, a: AnnouncementSummary): string {
  if (a.status === 'final') return t('announcements.status_final');
  if (a.status === 'withdrawn') return t('announcements.status_withdrawn');
  if (a.window === 'open') return t('announcements.window_open', { days: a.workingDaysLeft });
  return a.window === 'notStarted' ? t('announcements.window_notStarted') : t('announcements.window_over');
}

export function kindText(t: TFunction, kind: string): string {
  const keys = {
    funded: 'announcements.kind_funded',
    pilot: 'announcements.kind_pilot',
    benchmark: 'announcements.kind_benchmark',
    payment: 'announcements.kind_payment',
    catalog: 'announcements.kind_catalog',
    pre: 'announcements.kind_pre',
  } as const;
  const key = keys[kind as keyof typeof keys];
  return key ? t(key) : kind;
}
