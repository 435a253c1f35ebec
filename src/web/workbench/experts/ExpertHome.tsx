/** 评审任务: the expert's own assignments, what is still to do first, with the due date and the status. */
import { Flex, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataView } from '../../components/DataView';
import { DueTag } from '../../components/DueTag';
import { ErrorState } from '../../components/ErrorState';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useExpertTasks, type AssignmentStatus, type ExpertTask } from './api';

const STATUS_COLOR: Record<AssignmentStatus, string> = { toDeclare: 'blue', toScore: 'orange', submitted: 'green', recused: 'default', withdrawn: 'default' };

export function StatusBadge({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>{t(`experts.status.${status}`)}</Tag>;
}

function Due({ row }: { row: ExpertTask }) {
  const { t } = useTranslation();
  if (!row.active) return <Tag style={{ marginInlineEnd: 0 }}>{t('experts.closed')}</Tag>;
  if (row.status !== 'toDeclare' && row.status !== 'toScore') return <Typography.Text type="secondary">{row.dueOn}</Typography.Text>;
  return <DueTag dueOn={row.dueOn} overdue={row.overdue} />;
}

export function ExpertHome() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<'all' | 'open' | 'done'>('open');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useExpertTasks({ ...(status === 'all' ? {} : { status }), ...page });
  const open = (row: ExpertTask) => navigate(`/workbench/expert-reviews/${row.id}`);
  const columns: TableColumnsType<ExpertTask> = [
    {
      key: 'project',
      title: t('experts.colProject'),
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.projectTitle}</Typography.Text>
          {r.filingNo && <Typography.Text type="secondary">{t('experts.filingNo', { no: r.filingNo })}</Typography.Text>}
        </Flex>
      ),
    },
    { key: 'enterprise', title: t('experts.colEnterprise'), dataIndex: 'enterpriseName' },
    { key: 'status', title: t('experts.colStatus'), render: (_, r) => <StatusBadge status={r.status} />, width: 110 },
    { key: 'due', title: t('experts.colDue'), render: (_, r) => <Due row={r} />, width: 140 },
    { key: 'assigned', title: t('experts.colAssigned'), render: (_, r) => formatDateTime(r.assignedAt), width: 170 },
    {
      key: 'action',
      title: '',
      width: 110,
      render: (_, r) => (
        <LinkButton to={`/workbench/expert-reviews/${r.id}`} type={r.active && (r.status === 'toDeclare' || r.status === 'toScore') ? 'primary' : 'default'} size="small">
          {r.active && (r.status === 'toDeclare' || r.status === 'toScore') ? t('experts.open') : t('experts.view')}
        </LinkButton>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('experts.menuExpertHome')} subTitle={t('experts.homeIntro')} />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'open', label: t('experts.filterOpen') },
            { value: 'done', label: t('experts.filterDone') },
            { value: 'all', label: t('experts.filterAll') },
          ]}
        />
        {q.error ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <DataView
            rows={q.data?.items ?? []}
            rowKey={(r) => r.id}
            columns={columns}
            loading={q.isFetching}
            total={q.data?.total ?? 0}
            page={page.page}
            pageSize={page.pageSize}
            onPage={(p, s) => setPage({ page: p, pageSize: s })}
            onOpen={open}
            empty={t('experts.empty')}
            card={(r) => (
              <Flex vertical gap={6}>
                <Typography.Text strong>{r.projectTitle}</Typography.Text>
                <Typography.Text type="secondary">{r.enterpriseName}</Typography.Text>
                <Flex gap={8} wrap>
                  <StatusBadge status={r.status} />
                  <Due row={r} />
                </Flex>
              </Flex>
            )}
          />
        )}
      </Space>
    </>
  );
}
