import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTimeline } from '../api/hooks';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorState } from './ErrorState';

function summaryReason(summary: unknown): string {
  if (typeof summary === 'string') return summary;
  if (summary && typeof summary === 'object' && typeof (summary as { reason?: unknown }).reason === 'string') return (summary as { reason: string }).reason;
  return '';
}

/** The project's history, newest first: what happened, who did it (and for whom), when (Beijing time). */
export function ProjectTimeline({ projectId, limit }: { projectId: string; limit?: number }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const q = useTimeline(projectId, true);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const entries = [...q.data].sort((a, b) => (a.at < b.at ? 1 : -1));
  const shown = limit ? entries.slice(0, limit) : entries;
  if (shown.length === 0) return <Empty description={t('timeline.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      items={shown.map((e) => ({
        key: e.id,
        content: (
          <div>
            <Typography.Text strong>{tx(e.actionLabel)}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at)}
              </Typography.Text>
            </div>
            <div>
              <Typography.Text type="secondary">
                {[e.actorName, e.actorOrgName].filter(Boolean).join(' · ') || t('timeline.system')}
                {e.onBehalfOfOrgName ? ` ${t('timeline.onBehalfOf', { org: e.onBehalfOfOrgName })}` : ''}
              </Typography.Text>
            </div>
            {summaryReason(e.summary) ? <div>{t('timeline.reason', { reason: summaryReason(e.summary) })}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
