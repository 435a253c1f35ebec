/**
 * The bureau's expert panel on a subsidy review (embedded in the review detail): assign experts with a picker,
 * withdraw one with a reason, each expert's status, scores and recommendation, and the statistics — mean,
 * spread, standard deviation, mean recommendation — with outliers highlighted.
 */
import { App as AntApp, Alert, Button, Card, Col, Flex, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formatFenAsYuan } from '../../../core/money';
import { ErrorState } from '../../components/ErrorState';
import { StatusBadge } from './ExpertHome';
import { useAssignExperts, useExpertAccounts, useReviewExperts, useWithdrawExpert, type BureauExpertsView } from './api';

type Row = BureauExpertsView['items'][number];

function AssignDialog({ reviewId, open, onClose, taken }: { reviewId: string; open: boolean; onClose: () => void; taken: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const accounts = useExpertAccounts(search, open);
  const assign = useAssignExperts(reviewId);
  const options = (accounts.data?.items ?? [])
    .filter((a) => !taken.has(a.userId))
    .map((a) => ({ value: a.userId, label: `${a.name} · ${a.orgName}（${t('experts.openAssignments', { count: a.openAssignments })}）` }));
  return (
    <Modal
      open={open}
      title={t('experts.assignPick')}
      okText={t('experts.assign')}
      okButtonProps={{ disabled: picked.length === 0, loading: assign.isPending }}
      onCancel={onClose}
      onOk={() =>
        assign.mutate(picked, {
          onSuccess: () => {
            void message.success(t('experts.assignDone'));
            setPicked([]);
            onClose();
          },
          onError: (e) => void message.error(e instanceof ApiError ? e.message : t('errors.unknown')),
        })
      }
    >
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={picked}
        onChange={setPicked}
        showSearch
        filterOption={false}
        onSearch={setSearch}
        placeholder={t('experts.assignSearch')}
        loading={accounts.isFetching}
        options={options}
        aria-label={t('experts.assignPick')}
      />
    </Modal>
  );
}

export function ExpertPanel({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const q = useReviewExperts(reviewId);
  const withdraw = useWithdrawExpert(reviewId);
  const [assigning, setAssigning] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Row | null>(null);
  const [reason, setReason] = useState('');
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  const taken = new Set((v?.items ?? []).filter((i) => i.status !== 'withdrawn').map((i) => i.expertUserId));
  const stats = v?.summary.stats;
  const columns: TableColumnsType<Row> = [
    {
      key: 'expert',
      title: t('experts.colExpert'),
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>
            {r.expertName}{' '}
            {r.outlier && (
              <Tooltip title={t('experts.outlierHelp')}>
                <Tag color="red" icon={<WarningOutlined />}>
                  {t('experts.outlier')}
                </Tag>
              </Tooltip>
            )}
          </Typography.Text>
          <Typography.Text type="secondary">{r.orgName}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'status', title: t('experts.colStatus'), render: (_, r) => <StatusBadge status={r.status} />, width: 100 },
    { key: 'due', title: t('experts.colDue'), dataIndex: 'dueOn', width: 110 },
    ...(v?.rubric.items ?? []).map((item) => ({
      key: item.id,
      title: <Tooltip title={item.label}>{`${item.label.slice(0, 6)}${item.label.length > 6 ? '…' : ''}（${item.max}）`}</Tooltip>,
      align: 'right' as const,
      render: (_: unknown, r: Row) => (r.scores ? (r.scores[item.id] ?? '—') : '—'),
    })),
    {
      key: 'total',
      title: t('experts.colScore'),
      align: 'right',
      render: (_, r) => (r.totalScore === null ? <Typography.Text type="secondary">{r.status === 'recused' ? '—' : t('experts.draftHidden')}</Typography.Text> : <Typography.Text strong type={r.outlier ? 'danger' : undefined}>{r.totalScore}</Typography.Text>),
    },
    { key: 'rec', title: t('experts.colRecommended'), align: 'right', render: (_, r) => (r.recommendedFen === null ? '—' : formatFenAsYuan(r.recommendedFen)) },
    { key: 'opinion', title: t('experts.colOpinion'), render: (_, r) => r.opinion ?? r.recusalReason ?? '', ellipsis: true },
    {
      key: 'action',
      title: '',
      width: 80,
      render: (_, r) =>
        v?.canAssign && r.status !== 'withdrawn' ? (
          <Button size="small" danger onClick={() => { setReason(''); setWithdrawing(r); }}>
            {t('experts.withdraw')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      title={t('experts.panelTitle')}
      loading={!v}
      extra={
        v?.canAssign ? (
          <Button type="primary" onClick={() => setAssigning(true)}>
            {t('experts.assign')}
          </Button>
        ) : undefined
      }
    >
      {v && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {!v.canAssign && <Alert type="info" showIcon message={t('experts.assignClosed')} />}
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('experts.mean')} value={stats?.meanScore ?? '—'} suffix={stats?.meanScore !== null ? `/ ${v.rubric.max}` : undefined} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('experts.spread')} value={stats?.spread ?? '—'} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('experts.stdDev')} value={stats?.stdDev ?? '—'} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('experts.meanRecommended')} value={stats?.meanRecommendedFen != null ? formatFenAsYuan(stats.meanRecommendedFen) : '—'} />
            </Col>
          </Row>
          <Typography.Text type="secondary">
            {t('experts.submittedCount', { submitted: v.summary.submitted, assigned: v.summary.assigned })}
            {v.summary.recused > 0 ? ` · ${t('experts.recusedCount', { count: v.summary.recused })}` : ''}
          </Typography.Text>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 900 }}
            dataSource={v.items}
            columns={columns}
            rowClassName={(r) => (r.outlier ? 'expert-outlier-row' : '')}
            locale={{ emptyText: t('experts.noExperts') }}
            onRow={(r) => (r.outlier ? { style: { background: '#fff1f0' } } : {})}
          />
        </Space>
      )}
      <AssignDialog reviewId={reviewId} open={assigning} onClose={() => setAssigning(false)} taken={taken} />
      <Modal
        open={withdrawing !== null}
        title={t('experts.withdrawTitle')}
        okText={t('experts.withdraw')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: withdraw.isPending }}
        onCancel={() => setWithdrawing(null)}
        onOk={() =>
          withdrawing &&
          withdraw.mutate(
            { assignmentId: withdrawing.id, reason: reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('experts.withdrawDone'));
                setWithdrawing(null);
              },
              onError: (e) => void message.error(e instanceof ApiError ? e.message : t('errors.unknown')),
            },
          )
        }
      >
        <Form layout="vertical">
          <Form.Item label={t('experts.withdrawReason')} required>
            <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
