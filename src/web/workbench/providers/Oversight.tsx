import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, Modal, Rate, Row, Segmented, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useMe, useRefLookup } from '../../api/hooks';
import { useLiftMeasure, useProviderProfile, useProviders, useTakeMeasure, type Measure, type MeasureKind, type ProviderSummary, type Rating } from '../../api/providers';
import { DataView } from '../../components/DataView';
import { DueTag } from '../../components/DueTag';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { useLang } from '../../i18n';
import { formatDateTime, todayInShanghai } from '../../lib/format';
import { useSearchState } from '../../lib/useSearchState';

const KEYS = ['type', 'q', 'measures', 'overdue'] as const;

export function scoreText(v: number | null): string {
  return v === null ? '—' : v.toFixed(2);
}

export function ProviderTags({ p }: { p: Pick<ProviderSummary, 'suspended' | 'activeMeasures' | 'type'> }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      <Tag>{t(`providers.type_${p.type === 'catalog_provider' ? 'catalog_provider' : 'leading_unit'}`)}</Tag>
      {p.suspended ? <Tag color="red">{t('providers.suspendedTag')}</Tag> : null}
      {!p.suspended && p.activeMeasures > 0 ? <Tag color="orange">{t('providers.measuresTag', { count: p.activeMeasures })}</Tag> : null}
    </Flex>
  );
}

/** 服务商管理 (bureau): leading units and catalog providers with ratings, open projects, overdue steps and measures. */
export function ProviderOversightPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const s = useSearchState(KEYS, { pageSize: 20 });
  const type = s.values.type === 'leading_unit' || s.values.type === 'catalog_provider' ? s.values.type : undefined;
  const measures = s.values.measures === 'active' || s.values.measures === 'suspended' ? s.values.measures : undefined;
  const q = useProviders({ page: s.page, pageSize: s.pageSize, type, q: s.values.q, measures, overdue: s.values.overdue === '1' ? '1' : undefined });
  const columns: TableColumnsType<ProviderSummary> = [
    {
      title: t('providers.colProvider'),
      key: 'name',
      render: (_: unknown, r) => (
        <Flex vertical gap={4}>
          <Link to={`/workbench/providers/${r.orgId}`}>{r.name}</Link>
          <ProviderTags p={r} />
        </Flex>
      ),
    },
    { title: t('providers.colRating'), key: 'rating', width: 150, render: (_: unknown, r) => (r.ratings.count ? `${scoreText(r.ratings.overall)} / 5 (${r.ratings.count})` : t('providers.noRatings')) },
    { title: t('providers.colOpen'), dataIndex: 'openProjects', width: 100, align: 'right' },
    { title: t('providers.colOverdue'), dataIndex: 'overdueSteps', width: 100, align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
    { title: t('providers.colMeasures'), dataIndex: 'activeMeasures', width: 100, align: 'right' },
  ];
  return (
    <>
      <PageHeader title={t('providers.menuOversight')} subTitle={t('providers.oversightIntro')} />
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear defaultValue={s.values.q} placeholder={t('providers.searchName')} aria-label={t('providers.searchName')} onSearch={(v) => s.set({ q: v.trim() || undefined })} style={{ flex: '1 1 220px', maxWidth: 320 }} enterButton={t('common.search')} />
          <Select
            allowClear
            style={{ minWidth: 180 }}
            aria-label={t('providers.filterType')}
            placeholder={t('providers.filterType')}
            value={type}
            onChange={(v: string | undefined) => s.set({ type: v })}
            options={(['leading_unit', 'catalog_provider'] as const).map((v) => ({ value: v, label: t(`providers.type_${v}`) }))}
          />
          <Select
            allowClear
            style={{ minWidth: 180 }}
            aria-label={t('providers.filterMeasures')}
            placeholder={t('providers.filterMeasures')}
            value={measures}
            onChange={(v: string | undefined) => s.set({ measures: v })}
            options={[
              { value: 'active', label: t('providers.filterActive') },
              { value: 'suspended', label: t('providers.filterSuspended') },
            ]}
          />
          <Segmented
            value={s.values.overdue === '1' ? '1' : ''}
            onChange={(v) => s.set({ overdue: v || undefined })}
            options={[
              { value: '', label: t('providers.filterAll') },
              { value: '1', label: t('providers.filterOverdue') },
            ]}
          />
        </Flex>
        {q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <DataView<ProviderSummary>
            rows={q.data?.items ?? []}
            rowKey={(r) => r.orgId}
            columns={columns}
            loading={q.isFetching}
            total={q.data?.total ?? 0}
            page={s.page}
            pageSize={s.pageSize}
            onPage={(page, pageSize) => s.set({ page, pageSize })}
            onOpen={(r) => void navigate(`/workbench/providers/${r.orgId}`)}
            scrollX={760}
            card={(r) => (
              <Flex vertical gap={4}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <ProviderTags p={r} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('providers.cardFigures', { rating: r.ratings.count ? scoreText(r.ratings.overall) : '—', open: r.openProjects, overdue: r.overdueSteps })}
                </Typography.Text>
              </Flex>
            )}
          />
        )}
      </Card>
    </>
  );
}

export function RatingsList({ ratings }: { ratings: Rating[] }) {
  const { t } = useTranslation();
  if (!ratings.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('providers.noRatings')} />;
  return (
    <Flex vertical gap={10}>
      {ratings.map((r) => (
        <Flex key={r.id} vertical gap={2} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
          <Typography.Text strong>
            {r.enterpriseName} · {r.projectTitle}
          </Typography.Text>
          <Flex gap={12} wrap style={{ fontSize: 12 }}>
            {(['timeliness', 'quality', 'service', 'price'] as const).map((k) => (
              <span key={k}>
                {t(`providers.score_${k}`)} <Rate disabled count={5} value={r[k]} style={{ fontSize: 12 }} />
              </span>
            ))}
          </Flex>
          {r.comment ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.comment}</Typography.Paragraph> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(r.createdAt)}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

export function MeasureItem({ m, extra }: { m: Measure; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  return (
    <Flex vertical gap={4} data-testid="measure" style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
      <Flex gap={8} wrap align="center">
        <Tag color={m.kind === 'suspension' ? 'red' : m.kind === 'correction' ? 'orange' : 'gold'}>{tx(m.kindLabel)}</Tag>
        {m.inForce ? <Tag color="processing">{t('providers.inForce')}</Tag> : <Tag>{t('providers.lifted')}</Tag>}
        {m.dueOn ? <span style={{ fontSize: 12 }}>{t('providers.dueBy', { date: m.dueOn })}</span> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(m.createdAt)}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
        {t('providers.reasonLabel')}
        {m.reason}
      </Typography.Paragraph>
      {m.response ? (
        <Alert type="info" title={t('providers.responseLabel', { at: formatDateTime(m.respondedAt) })} description={<span style={{ whiteSpace: 'pre-wrap' }}>{m.response}</span>} />
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('providers.noResponse')}
        </Typography.Text>
      )}
      {m.liftedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('providers.liftedAt', { at: formatDateTime(m.liftedAt), reason: m.liftReason ?? '' })}
        </Typography.Text>
      ) : null}
      {extra}
    </Flex>
  );
}

function MeasureDialog({ orgId, name, kind, onClose }: { orgId: string; name: string; kind: MeasureKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; dueOn?: dayjs.Dayjs }>();
  const take = useTakeMeasure(orgId);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    if (!kind) return;
    try {
      await take.mutateAsync({ kind, reason: v.reason, ...(v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}) });
      void message.success(t('providers.measureTaken'));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(isApiError(e) ? (e.fields[0]?.message ?? e.message) : t('errors.unknown'));
    }
  };
  return (
    <Modal
      open={kind !== null}
      title={kind ? t(`providers.take_${kind}`) : ''}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: kind === 'suspension', loading: take.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{kind ? t(`providers.takeHint_${kind}`, { name }) : ''}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('providers.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('providers.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        {kind === 'correction' ? (
          <Form.Item name="dueOn" label={t('providers.dueOn')} rules={[{ required: true, message: t('providers.dueRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < todayInShanghai()} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function LiftDialog({ orgId, measure, onClose }: { orgId: string; measure: Measure | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const lift = useLiftMeasure(orgId);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    if (!measure) return;
    try {
      await lift.mutateAsync({ id: measure.id, reason: v.reason });
      void message.success(t('providers.measureLifted'));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(isApiError(e) ? e.message : t('errors.unknown'));
    }
  };
  return (
    <Modal open={measure !== null} title={measure ? t('providers.liftTitle', { kind: tx(measure.kindLabel) }) : ''} okText={t('providers.lift')} cancelText={t('common.cancel')} okButtonProps={{ loading: lift.isPending }} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('providers.liftReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('providers.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A provider for the bureau: figures, ratings with comments, its projects, the measures and their answers; take or lift a measure. */
export function ProviderProfilePage() {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const { orgId } = useParams();
  const me = useMe().data;
  const canAct = me?.role === 'bureauAdmin' || me?.role === 'bureauReviewer';
  const q = useProviderProfile(orgId);
  const [kind, setKind] = useState<MeasureKind | null>(null);
  const [lifting, setLifting] = useState<Measure | null>(null);
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data?.provider;
  const r = p?.ratings;
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('providers.menuOversight'), to: '/workbench/providers' }, { title: p?.name ?? '…' }]}
        title={p?.name ?? '…'}
        tag={p ? <ProviderTags p={p} /> : null}
        subTitle={p?.suspended ? t('providers.suspendedNote') : t('providers.profileIntro')}
        extra={
          canAct && p ? (
            <Flex gap={8} wrap>
              <Button onClick={() => setKind('warning')}>{t('providers.take_warning')}</Button>
              <Button onClick={() => setKind('correction')}>{t('providers.take_correction')}</Button>
              <Button danger disabled={p.suspended} onClick={() => setKind('suspension')} data-testid="suspend">
                {t('providers.take_suspension')}
              </Button>
            </Flex>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        {(
          [
            ['rating', r?.count ? `${scoreText(r.overall)} / 5` : '—'],
            ['ratingCount', r?.count ?? '—'],
            ['open', p?.openProjects ?? '—'],
            ['overdue', p?.overdueSteps ?? '—'],
          ] as const
        ).map(([k, v]) => (
          <Col xs={12} lg={6} key={k}>
            <Card size="small">
              <Statistic title={t(`providers.fig_${k}`)} value={v} loading={q.isPending} />
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={12}>
          <Card size="small" title={t('providers.measuresTitle')} loading={q.isPending}>
            {q.data?.measures.length ? (
              <Flex vertical gap={10}>
                {q.data.measures.map((m) => (
                  <MeasureItem
                    key={m.id}
                    m={m}
                    extra={
                      canAct && m.inForce ? (
                        <div>
                          <Button size="small" onClick={() => setLifting(m)}>
                            {t('providers.lift')}
                          </Button>
                        </div>
                      ) : null
                    }
                  />
                ))}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('providers.noMeasures')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('providers.ratingsTitle')} loading={q.isPending}>
            {r?.count ? (
              <Descriptions size="small" column={{ xs: 2, md: 4 }} style={{ marginBottom: 12 }}>
                {(['timeliness', 'quality', 'service', 'price'] as const).map((k) => (
                  <Descriptions.Item key={k} label={t(`providers.score_${k}`)}>
                    {scoreText(r[k])}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ) : null}
            <RatingsList ratings={q.data?.ratings ?? []} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('providers.projectsTitle')}>
            <Table
              size="small"
              rowKey="projectId"
              loading={q.isPending}
              dataSource={q.data?.projects ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 640 }}
              locale={{ emptyText: t('providers.noProjects') }}
              columns={[
                { title: t('providers.colEnterprise'), key: 'e', render: (_: unknown, x) => <Link to={`/workbench/projects/${x.projectId}`}>{`${x.enterpriseName} · ${x.title}`}</Link> },
                { title: t('project.stage'), key: 's', width: 200, render: (_: unknown, x) => <Flex vertical gap={2}><StatusTag state={x.state} label={x.stateLabel} /><span className="muted" style={{ fontSize: 12 }}>{`${x.stage}. ${lookup.stageLabel(x.stage)}`}</span></Flex> },
                { title: t('providers.colDue'), key: 'd', width: 120, render: (_: unknown, x) => (x.dueOn ? <DueTag dueOn={x.dueOn} overdue={x.overdue} /> : '—') },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {orgId && p ? <MeasureDialog orgId={orgId} name={p.name} kind={kind} onClose={() => setKind(null)} /> : null}
      {orgId ? <LiftDialog orgId={orgId} measure={lifting} onClose={() => setLifting(null)} /> : null}
    </>
  );
}
