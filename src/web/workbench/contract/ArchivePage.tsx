/**
 * 一企一档: for the enterprise, each of its projects with the level before, every evaluation's level after, the
 * assessment scores and the targets before / target / after; for the bureau, every filed project's row with
 * filters (town, stage, search), pages and the Excel export.
 */
import { Button, Card, Col, Descriptions, Empty, Flex, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useRefLookup } from '../../api/hooks';
import { archiveExportUrl, useArchive, type ArchiveFilter, type ArchiveRow, type TargetRow } from '../../api/contract';
import { DIGITAL_LEVEL_LABELS, type DigitalLevel } from '../../../core/workflow/context';
import { ErrorState } from '../../components/ErrorState';
import { LinkButton } from '../../components/LinkButton';
import { useLang } from '../../i18n';

function useLevel() {
  const { tx } = useLang();
  const { t } = useTranslation();
  return (n: number | null) => (n !== null && n >= 0 && n <= 4 ? tx(DIGITAL_LEVEL_LABELS[n as DigitalLevel]) : t('contract.noLevel'));
}

function TargetsMini({ rows }: { rows: TargetRow[] }) {
  const { t } = useTranslation();
  if (rows.every((r) => r.baseline === null && r.target === null && r.measured === null)) return <Typography.Text type="secondary">{t('contract.noTargets')}</Typography.Text>;
  const v = (x: number | null) => (x === null ? '—' : String(x));
  return (
    <Table<TargetRow>
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ x: 480 }}
      dataSource={rows}
      columns={[
        { title: t('contract.figure'), dataIndex: 'label' },
        { title: t('contract.unit'), dataIndex: 'unit', width: 60 },
        { title: t('contract.baseline'), dataIndex: 'baseline', width: 90, align: 'right', render: v },
        { title: t('contract.target'), dataIndex: 'target', width: 90, align: 'right', render: v },
        { title: t('contract.measured'), dataIndex: 'measured', width: 90, align: 'right', render: v },
      ]}
    />
  );
}

function Evaluations({ row }: { row: ArchiveRow }) {
  const { t } = useTranslation();
  const level = useLevel();
  if (row.evaluations.length === 0) return <>{t('contract.noLevel')}</>;
  return (
    <Space wrap size={4}>
      {row.evaluations.map((e) => (
        <Tag key={e.version} color={e.levelAfter !== null && e.levelAfter >= 2 ? 'green' : 'orange'}>
          {t('contract.attempt', { n: e.version })}：{level(e.levelAfter)}
        </Tag>
      ))}
    </Space>
  );
}

function Scores({ row }: { row: ArchiveRow }) {
  const { t } = useTranslation();
  if (row.assessments.length === 0) return <>{t('contract.noLevel')}</>;
  const modeName = (m: string) => t(m === 'self' ? 'contract.modeSelf' : m === 'evaluation' ? 'contract.modeEvaluation' : 'contract.modeDiagnosis');
  return (
    <Space wrap size={4}>
      {row.assessments.map((a, i) => (
        <Tag key={i}>{t('contract.scoreItem', { mode: modeName(a.mode), score: a.baseScore ?? '—' })}</Tag>
      ))}
    </Space>
  );
}

function EnterpriseArchive() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const level = useLevel();
  const [page, setPage] = useState(1);
  const q = useArchive({}, page, 10);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;
  if (!data) return <Card loading />;
  if (data.items.length === 0) return <Empty description={t('contract.noArchive')} />;
  return (
    <Flex vertical gap={16}>
      {data.items.map((r) => (
        <Card
          key={r.projectId}
          size="small"
          data-testid="archive-project"
          title={
            <Space wrap>
              <span>{r.title}</span>
              <Tag>{tx(r.stateLabel)}</Tag>
            </Space>
          }
          extra={<LinkButton to={`/workbench/projects/${r.projectId}`} size="small">{t('contract.openProject')}</LinkButton>}
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('contract.levelBefore')}>{level(r.levelBefore)}</Descriptions.Item>
            <Descriptions.Item label={t('contract.levelAfter')}>
              <Evaluations row={r} />
            </Descriptions.Item>
            <Descriptions.Item label={t('contract.scores')}>
              <Scores row={r} />
            </Descriptions.Item>
          </Descriptions>
          <TargetsMini rows={r.targets} />
        </Card>
      ))}
      {data.total > data.pageSize ? (
        <Flex justify="end" gap={8}>
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>‹</Button>
          <Button disabled={page * data.pageSize >= data.total} onClick={() => setPage(page + 1)}>›</Button>
        </Flex>
      ) : null}
    </Flex>
  );
}

function BureauArchive() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const level = useLevel();
  const [filter, setFilter] = useState<ArchiveFilter>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useArchive(filter, page, pageSize);
  const stages = (lookup.ref?.workflow.stages ?? []).map((s) => ({ value: s.stage, label: `${s.stage}. ${tx(s.label)}` }));
  const change = (patch: ArchiveFilter) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const targetCell = (r: ArchiveRow, key: string) => {
    const x = r.targets.find((tg) => tg.key === key);
    if (!x || (x.baseline === null && x.target === null && x.measured === null)) return '—';
    return `${x.baseline ?? '—'} → ${x.target ?? '—'} → ${x.measured ?? '—'}`;
  };
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={12} md={6}>
          <Select allowClear style={{ width: '100%' }} placeholder={t('contract.filterTown')} aria-label={t('contract.filterTown')} options={lookup.townOptions} value={filter.townCode} onChange={(v?: string) => change({ townCode: v })} showSearch={{ optionFilterProp: 'label' }} />
        </Col>
        <Col xs={24} sm={12} md={6}>
          <Select allowClear style={{ width: '100%' }} placeholder={t('contract.filterStage')} aria-label={t('contract.filterStage')} options={stages} value={filter.stage} onChange={(v?: number) => change({ stage: v })} />
        </Col>
        <Col xs={24} sm={12} md={7}>
          <Input.Search allowClear placeholder={t('contract.filterSearch')} aria-label={t('contract.filterSearch')} value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => change({ q: v.trim() || undefined })} />
        </Col>
        <Col xs={24} sm={12} md={5}>
          <Button icon={<DownloadOutlined />} href={archiveExportUrl(filter)} download block data-testid="archive-export">
            {t('contract.export')}
          </Button>
        </Col>
      </Row>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<ArchiveRow>
          size="small"
          rowKey="projectId"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (r) => <TargetsMini rows={r.targets} /> }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('contract.total', { n }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            {
              title: t('contract.enterprise'),
              dataIndex: 'enterpriseName',
              width: 220,
              render: (v: string, r) => (
                <Flex vertical>
                  <LinkButton type="link" size="small" style={{ padding: 0, height: 'auto', textAlign: 'left', whiteSpace: 'normal' }} to={`/workbench/projects/${r.projectId}`}>
                    {v}
                  </LinkButton>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.filingNo ?? ''}</Typography.Text>
                </Flex>
              ),
            },
            { title: t('contract.filterTown'), dataIndex: 'townCode', width: 90, render: (v: string) => lookup.town(v) },
            { title: t('contract.stage'), dataIndex: 'stage', width: 160, render: (_: number, r) => <Flex vertical><span>{`${r.stage}. ${lookup.stageLabel(r.stage)}`}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{tx(r.stateLabel)}</Typography.Text></Flex> },
            { title: t('contract.levelBefore'), dataIndex: 'levelBefore', width: 110, render: (v: number | null) => level(v) },
            { title: t('contract.levelAfter'), key: 'after', width: 200, render: (_: unknown, r) => <Evaluations row={r} /> },
            { title: t('contract.scores'), key: 'scores', width: 160, render: (_: unknown, r) => <Scores row={r} /> },
            { title: `${tx({ zh: '关键工序数控化率', en: 'CNC rate' })} (%)`, key: 'cnc', width: 150, render: (_: unknown, r) => targetCell(r, 'cncRate') },
            { title: `${tx({ zh: '生产设备联网率', en: 'Networking rate' })} (%)`, key: 'net', width: 150, render: (_: unknown, r) => targetCell(r, 'networkRate') },
          ]}
        />
      )}
    </>
  );
}

export function ArchivePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const bureau = me?.org.type === 'bureau';
  return (
    <div>
      <Typography.Title level={3}>{t('contract.archiveTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{bureau ? t('contract.archiveIntroBureau') : t('contract.archiveIntroEnterprise')}</Typography.Paragraph>
      {me ? bureau ? <BureauArchive /> : <EnterpriseArchive /> : <Card loading />}
    </div>
  );
}
