import { Card, Empty, Flex, Grid, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useProjectRevisions } from '../api/hooks';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorState } from './ErrorState';
import { WRAP } from './ProjectPanels';
import { editRevisions, valueText } from './projectView';

/**
 * 备案变更记录 for the bureau and the town offices: each change of a published filing as before → after,
 * with the fields' names.
 */
export function RevisionsCard({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const phone = !Grid.useBreakpoint().md;
  const q = useProjectRevisions(projectId);
  if (q.isPending) return null;
  if (q.isError) {
    if (q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404)) return null;
    return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  }
  const list = editRevisions(q.data);
  const empty = t('workflow.revisions.empty');
  const show = (field: string, v: unknown) => valueText(field, v, empty, t('common.yuan'));
  return (
    <Card size="small" title={t('workflow.revisions.title')} style={{ marginBottom: 16 }} data-testid="revisions-card">
      <Typography.Paragraph type="secondary">{t('workflow.revisions.intro')}</Typography.Paragraph>
      {list.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workflow.revisions.none')} /> : null}
      <Flex vertical gap={12}>
        {list.map((r) => (
          <div key={r.revision} data-testid="revision">
            <Flex gap={8} wrap align="baseline" style={{ marginBottom: 4 }}>
              <Typography.Text strong>{t('workflow.revisions.revision', { n: r.revision })}</Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(r.submittedAt)}</Typography.Text>
              {r.submittedBy ? <Typography.Text type="secondary">{t('workflow.revisions.by', { name: r.submittedBy })}</Typography.Text> : null}
            </Flex>
            {phone ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {r.diff.map((d) => (
                  <li key={d.field} style={WRAP}>
                    <Typography.Text strong>{tx(d.label)}</Typography.Text>：<Typography.Text delete type="secondary">{show(d.field, d.before)}</Typography.Text> →{' '}
                    <Typography.Text>{show(d.field, d.after)}</Typography.Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey="field"
                dataSource={r.diff}
                columns={[
                  { key: 'field', title: t('workflow.revisions.field'), width: 160, render: (_, d) => tx(d.label) },
                  { key: 'before', title: t('workflow.revisions.before'), render: (_, d) => <span style={WRAP}>{show(d.field, d.before)}</span> },
                  { key: 'arrow', title: '', width: 32, render: () => '→' },
                  { key: 'after', title: t('workflow.revisions.after'), render: (_, d) => <span style={WRAP}>{show(d.field, d.after)}</span> },
                ]}
              />
            )}
          </div>
        ))}
      </Flex>
    </Card>
  );
}
