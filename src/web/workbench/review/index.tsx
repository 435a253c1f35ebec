/**
 * The review area (stage 7): the subsidy review queue for the bureau and the town offices, one review with its
 * computation, materials, history, the experts' summary and the step actions, and the decision batches (局党组审议).
 */
import { Alert, App as AntApp, Badge, Button, Card, Descriptions, Flex, Form, Input, Modal, Result, Select, Space, Statistic, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, apiUrl } from '../../api/client';
import { useLang } from '../../i18n';
import { useMe } from '../../api/hooks';
import { roleGroup } from '../../lib/roles';
import { formatDateTime } from '../../lib/format';
import { ExpertPanel } from '../experts';
import { ApplicationPackButton, BatchPackButton } from '../certificates';
import { PageHeader } from '../../components/PageHeader';
import { DataView, type SortChange } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { StatusTag } from '../../components/StatusTag';
import { TOWNS, getTown } from '../../../core/identity/towns';
import { formatFenAsYuan, parseYuanToFen } from '../../../core/money';
import type { ComputationStep } from '../../../core/subsidy/types';
import type { StateTone } from '../../../core/workflow';
import {
  reviewExportUrl,
  useBatch,
  useBatches,
  useCreateBatch,
  useDecideBatch,
  usePools,
  useReview,
  useReviewEvent,
  useReviewQueue,
  useUpdateBatch,
  type BatchDetail,
  type BatchSummary,
  type ReviewAction,
  type ReviewDetail,
  type ReviewQueueItem,
} from './api';

const yuan = (fen: number | null | undefined) => (fen == null ? '—' : `¥${formatFenAsYuan(fen)}`);
const shanghai = (iso: string | null) => formatDateTime(iso);

function useTownName() {
  const { tx } = useLang();
  return (code: string) => {
    const town = getTown(code);
    return town ? tx(town.name) : code;
  };
}

function errorMessage(e: unknown, tx: (t: { zh: string; en: string }) => string, fallback: string): string {
  if (e instanceof ApiError) {
    const fields = e.fields.map((f) => f.message).filter(Boolean);
    return fields.length ? `${e.message}：${fields.join('；')}` : e.message;
  }
  void tx;
  return fallback;
}

// ---- the queue --------------------------------------------------------------------------------------------

/** The queue, or (on reviews/:id) one review. */
export function SubsidyReviewQueuePage() {
  const { id } = useParams();
  return id ? <SubsidyReviewPage id={id} /> : <ReviewQueue />;
}

function ReviewQueue() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const townName = useTownName();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [keyword, setKeyword] = useState(params.get('keyword') ?? '');
  const query = {
    step: params.get('step') ?? undefined,
    status: params.get('status') ?? undefined,
    outcome: params.get('outcome') ?? undefined,
    town: params.get('town') ?? undefined,
    keyword: params.get('keyword') ?? undefined,
    batch: params.get('batch') ?? undefined,
    sort: params.get('sort') ?? undefined,
    order: params.get('order') ?? undefined,
  };
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const list = useReviewQueue({ ...query, page, pageSize });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const data = list.data;
  const steps = data?.steps ?? [];
  const onSort = (s: SortChange) => set({ sort: s.order ? (s.field ?? undefined) : undefined, order: s.order === 'ascend' ? 'asc' : s.order === 'descend' ? 'desc' : undefined });
  const sortOrder = (key: string) => (query.sort === key ? (query.order === 'asc' ? 'ascend' : 'descend') : null);

  return (
    <>
      <PageHeader
        title={t('review.menuSubsidyReviewQueue')}
        subTitle={t('review.queueIntro')}
        extra={
          <Button href={reviewExportUrl({ ...query })} download>
            {t('review.export')}
          </Button>
        }
      />
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Card size="small">
          <Statistic title={t('review.waiting')} value={data?.counts.waiting ?? 0} />
        </Card>
        <Card size="small">
          <Statistic title={t('review.overdue')} value={data?.counts.overdue ?? 0} valueStyle={data?.counts.overdue ? { color: '#cf1322' } : undefined} />
        </Card>
      </Flex>
      <Tabs
        activeKey={query.step ?? (query.status === 'concluded' ? 'concluded' : 'all')}
        onChange={(k) => set(k === 'all' ? { step: undefined, status: undefined } : k === 'concluded' ? { step: undefined, status: 'concluded' } : { step: k, status: undefined })}
        items={[
          { key: 'all', label: t('review.tabActive') },
          ...steps.map((s) => ({ key: s.id, label: <Badge count={data?.counts.byStep[s.id] ?? 0} size="small" offset={[8, -2]} color="blue">{tx(s.label)}</Badge> })),
          { key: 'concluded', label: t('review.tabConcluded') },
        ]}
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('review.keyword')}
          placeholder={t('review.keyword')}
          allowClear
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(v) => set({ keyword: v.trim() || undefined })}
          style={{ width: 260 }}
        />
        <Select
          aria-label={t('review.town')}
          placeholder={t('review.town')}
          allowClear
          showSearch
          optionFilterProp="label"
          value={query.town}
          onChange={(v?: string) => set({ town: v })}
          options={TOWNS.map((tw) => ({ value: tw.code, label: tx(tw.name) }))}
          style={{ width: 180 }}
        />
        {query.status === 'concluded' && (
          <Select
            aria-label={t('review.outcome')}
            placeholder={t('review.outcome')}
            allowClear
            value={query.outcome}
            onChange={(v?: string) => set({ outcome: v })}
            options={(['approved', 'returned', 'rejected', 'cancelled'] as const).map((o) => ({ value: o, label: t(`review.outcomes.${o}`) }))}
            style={{ width: 160 }}
          />
        )}
        <Select
          aria-label={t('review.batch')}
          placeholder={t('review.batch')}
          allowClear
          value={query.batch}
          onChange={(v?: string) => set({ batch: v })}
          options={[{ value: 'none', label: t('review.noBatch') }, ...(query.batch && query.batch !== 'none' ? [{ value: query.batch, label: t('review.thisBatch') }] : [])]}
          style={{ width: 160 }}
        />
      </Flex>
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataView<ReviewQueueItem>
          rows={data?.items ?? []}
          rowKey={(r) => r.id}
          loading={list.isFetching}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: String(p), pageSize: String(s) })}
          onOpen={(r) => void navigate(`/workbench/reviews/${r.id}`)}
          onSort={onSort}
          scrollX={1000}
          columns={[
            { key: 'enterprise', title: t('review.enterprise'), sorter: true, sortOrder: sortOrder('enterprise'), render: (_: unknown, r) => <Link to={`/workbench/reviews/${r.id}`}>{r.enterpriseName}</Link> },
            { key: 'project', title: t('review.project'), render: (_: unknown, r) => r.projectTitle },
            { key: 'town', title: t('review.town'), render: (_: unknown, r) => townName(r.townCode) },
            { key: 'step', title: t('review.step'), render: (_: unknown, r) => <StatusTag state={r.step} label={r.stepLabel} tone={r.tone as StateTone} /> },
            { key: 'waiting', title: t('review.daysInStep'), sorter: true, sortOrder: sortOrder('waiting'), render: (_: unknown, r) => (r.concluded ? '—' : r.overdue ? <Tag color="red">{t('review.days', { count: r.waitingDays })}</Tag> : t('review.days', { count: r.waitingDays })) },
            { key: 'suggested', title: t('review.suggested'), align: 'right', sorter: true, sortOrder: sortOrder('suggested'), render: (_: unknown, r) => yuan(r.suggestedFen) },
            { key: 'submittedAt', title: t('review.submittedAt'), sorter: true, sortOrder: sortOrder('submittedAt'), render: (_: unknown, r) => shanghai(r.submittedAt) },
            { key: 'batch', title: t('review.batch'), render: (_: unknown, r) => (r.batchId ? <Link to={`/workbench/decision-batches/${r.batchId}`}>{r.batchName}</Link> : '—') },
          ]}
          card={(r) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{r.enterpriseName}</Typography.Text>
              <Typography.Text type="secondary">{r.projectTitle}</Typography.Text>
              <Space wrap>
                <StatusTag state={r.step} label={r.stepLabel} tone={r.tone as StateTone} />
                <span>{townName(r.townCode)}</span>
                {r.overdue && <Tag color="red">{t('review.days', { count: r.waitingDays })}</Tag>}
              </Space>
              <span>
                {t('review.suggested')}：{yuan(r.suggestedFen)}
              </span>
            </Flex>
          )}
        />
      )}
    </>
  );
}

// ---- one review -------------------------------------------------------------------------------------------

function steps(calc: Record<string, unknown> | null): ComputationStep[] {
  const s = calc?.steps;
  return Array.isArray(s) ? (s as ComputationStep[]) : [];
}

function SubsidyReviewPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const townName = useTownName();
  const review = useReview(id);
  const bureau = roleGroup(useMe().data?.role ?? '') === 'bureau';
  const [action, setAction] = useState<ReviewAction | null>(null);
  if (review.error) return <ErrorState error={review.error} onRetry={() => void review.refetch()} />;
  const r = review.data;
  if (!r) return <Card loading />;
  const a = r.application;
  const ex = r.expertSummary;
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('review.menuSubsidyReviewQueue'), to: '/workbench/subsidy-review' }]}
        title={r.enterpriseName}
        tag={<StatusTag state={r.step} label={r.stepLabel} tone={r.tone as StateTone} />}
        subTitle={r.projectTitle}
        extra={
          <Space wrap>
            <ApplicationPackButton projectId={r.projectId} />
            {r.actions.map((x) => (
              <Button key={x.event} type={x.kind === 'primary' ? 'primary' : 'default'} danger={x.kind === 'danger'} disabled={!x.allowed} title={x.reasons.map(tx).join('；') || undefined} onClick={() => setAction(x)}>
                {tx(x.label)}
              </Button>
            ))}
          </Space>
        }
      />
      {r.hint && <Alert type="info" showIcon message={tx(r.hint)} style={{ marginBottom: 12 }} />}
      {r.actions.some((x) => !x.allowed && x.reasons.length) && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('review.blocked')} description={r.actions.flatMap((x) => x.reasons.map(tx)).join('；')} />
      )}
      {r.returnReason && <Alert type="warning" showIcon message={t('review.returnReason', { reason: r.returnReason })} style={{ marginBottom: 12 }} />}
      <Flex vertical gap={12}>
        <Card title={t('review.overview')} size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('review.filingNo')}>{r.filingNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('review.town')}>{townName(r.townCode)}</Descriptions.Item>
            <Descriptions.Item label={t('review.submittedAt')}>{shanghai(r.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('review.verified')}>{yuan(a.verifiedInvestmentFen)}</Descriptions.Item>
            <Descriptions.Item label={t('review.suggested')}>{yuan(a.suggestedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('review.approved')}>{yuan(a.approvedFen)}</Descriptions.Item>
            {a.poolName && <Descriptions.Item label={t('review.pool')}>{a.poolName}</Descriptions.Item>}
            {r.batchId && (
              <Descriptions.Item label={t('review.batch')}>
                <Link to={`/workbench/decision-batches/${r.batchId}`}>{r.batchName}</Link>
              </Descriptions.Item>
            )}
            {r.publicity.endsOn && (
              <Descriptions.Item label={t('review.publicity')}>
                {r.publicity.startedOn} – {r.publicity.endsOn}
              </Descriptions.Item>
            )}
            {a.otherFundingFen > 0 && <Descriptions.Item label={t('review.otherFunding')}>{yuan(a.otherFundingFen)}</Descriptions.Item>}
          </Descriptions>
        </Card>
        <Card title={t('review.computation')} size="small">
          {steps(a.calculation).length === 0 ? (
            <Typography.Text type="secondary">{t('review.noComputation')}</Typography.Text>
          ) : (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {steps(a.calculation).map((s, i) => (
                <li key={s.key ?? i}>
                  {tx(s.text)}
                  {s.amountFen != null && <Typography.Text strong> {yuan(s.amountFen)}</Typography.Text>}
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title={t('review.experts')} size="small">
          {!ex || ex.assigned === 0 ? (
            <Typography.Text type="secondary">{t('review.noExperts')}</Typography.Text>
          ) : (
            <Flex wrap gap={24}>
              <Statistic title={t('review.expertsSubmitted')} value={`${ex.submitted} / ${ex.assigned}`} />
              <Statistic title={t('review.meanScore')} value={ex.stats.meanScore ?? '—'} />
              <Statistic title={t('review.spread')} value={ex.stats.spread ?? '—'} />
              <Statistic title={t('review.meanRecommended')} value={yuan(ex.stats.meanRecommendedFen)} />
              <Statistic title={t('review.outliers')} value={ex.stats.outliers.length} valueStyle={ex.stats.outliers.length ? { color: '#d46b08' } : undefined} />
            </Flex>
          )}
                  {bureau && r.step === 'expertReview' ? <div style={{ marginTop: 12 }}><ExpertPanel reviewId={id} /></div> : null}
        </Card>
        <Card title={t('review.invoices')} size="small">
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            scroll={{ x: 600 }}
            dataSource={a.invoices}
            columns={[
              { title: t('review.invoiceNo'), dataIndex: 'number' },
              { title: t('review.issuedOn'), dataIndex: 'issuedOn' },
              { title: t('review.seller'), dataIndex: 'seller', render: (v: string | null) => v ?? '—' },
              { title: t('review.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('review.payments')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            scroll={{ x: 600 }}
            dataSource={a.payments}
            columns={[
              { title: t('review.paidOn'), dataIndex: 'paidOn' },
              { title: t('review.payee'), dataIndex: 'payee', render: (v: string | null) => v ?? '—' },
              { title: t('review.reference'), dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
              { title: t('review.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
            ]}
          />
        </Card>
        <Card title={t('review.materials')} size="small" extra={<Link to={`/workbench/projects/${r.projectId}`}>{t('review.openProject')}</Link>}>
          {r.materials.length === 0 ? (
            <Typography.Text type="secondary">{t('review.noMaterials')}</Typography.Text>
          ) : (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {r.materials.map((m) => (
                <li key={m.id}>
                  {m.slotLabel ? `${tx(m.slotLabel)}：` : ''}
                  <a href={apiUrl(`/materials/${m.id}/download`, { inline: 1 })} target="_blank" rel="noreferrer">
                    {m.fileName}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('review.history')} size="small">
          {r.history.length === 0 ? (
            <Typography.Text type="secondary">{t('review.noHistory')}</Typography.Text>
          ) : (
            <Timeline
              items={r.history.map((h) => ({
                key: h.id,
                children: (
                  <Flex vertical>
                    <span>
                      <Typography.Text strong>{tx(h.eventLabel)}</Typography.Text> · {tx(h.fromLabel)} → {tx(h.toLabel)}
                    </span>
                    <Typography.Text type="secondary">
                      {[h.orgName, h.actorName].filter(Boolean).join(' · ') || t('review.system')} · {shanghai(h.at)}
                    </Typography.Text>
                    {h.reason && <span>{t('review.reasonIs', { reason: h.reason })}</span>}
                    {typeof h.input.approvedFen === 'number' && <span>{t('review.approvedIs', { amount: yuan(h.input.approvedFen) })}</span>}
                  </Flex>
                ),
              }))}
            />
          )}
        </Card>
      </Flex>
      <ReviewActionDialog review={r} action={action} onClose={() => setAction(null)} />
    </>
  );
}

function ReviewActionDialog({ review, action, onClose }: { review: ReviewDetail; action: ReviewAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason?: string; amount?: string; poolId?: string }>();
  const fire = useReviewEvent(review.id);
  const [failure, setFailure] = useState<string | null>(null);
  const wantsAmount = Boolean(action?.input && JSON.stringify(action.input).includes('approvedFen'));
  const pools = usePools(wantsAmount);
  if (!action) return null;
  const submit = async () => {
    let v: { reason?: string; amount?: string; poolId?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setFailure(null);
    let input: Record<string, unknown> | undefined;
    if (wantsAmount) {
      const parsed = parseYuanToFen(v.amount ?? '');
      if (!parsed.ok) {
        form.setFields([{ name: 'amount', errors: [tx(parsed.message)] }]);
        return;
      }
      input = { approvedFen: parsed.fen, poolId: v.poolId };
    }
    try {
      await fire.mutateAsync({ event: action.event, step: review.step, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}), ...(input ? { input } : {}) });
      void message.success(t('review.done', { action: tx(action.label) }));
      form.resetFields();
      onClose();
    } catch (e) {
      setFailure(errorMessage(e, tx, t('errors.unknown')));
    }
  };
  return (
    <Modal open title={tx(action.label)} onCancel={onClose} onOk={() => void submit()} okText={t('review.confirm')} cancelText={t('review.cancel')} okButtonProps={{ danger: action.kind === 'danger', loading: fire.isPending }} destroyOnHidden>
      {action.confirm && <Alert type="warning" showIcon message={tx(action.confirm)} style={{ marginBottom: 12 }} />}
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ amount: review.application.suggestedFen != null ? formatFenAsYuan(review.application.suggestedFen).replace(/,/g, '') : '' }}>
        {wantsAmount && (
          <>
            <Form.Item name="amount" label={t('review.amountYuan')} extra={t('review.amountHelp', { amount: yuan(review.application.suggestedFen) })} rules={[{ required: true, message: t('review.amountRequired') }]}>
              <Input inputMode="decimal" addonBefore="¥" />
            </Form.Item>
            <Form.Item name="poolId" label={t('review.pool')} rules={[{ required: true, message: t('review.poolRequired') }]}>
              <Select loading={pools.isLoading} options={(pools.data ?? []).map((p) => ({ value: p.id, label: t('review.poolOption', { name: p.name, remaining: yuan(p.remainingFen) }) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={action.needsReason ? t('review.reason') : t('review.note')} rules={action.needsReason ? [{ required: true, whitespace: true, message: t('review.reasonRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- decision batches -------------------------------------------------------------------------------------

export function DecisionBatchesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const batches = useBatches(page);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('review.menuDecisionBatches')}
        subTitle={t('review.batchesIntro')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('review.newBatch')}
          </Button>
        }
      />
      {batches.error ? (
        <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />
      ) : (
        <DataView<BatchSummary>
          rows={batches.data?.items ?? []}
          rowKey={(b) => b.id}
          loading={batches.isFetching}
          total={batches.data?.total ?? 0}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
          onOpen={(b) => void navigate(`/workbench/decision-batches/${b.id}`)}
          columns={[
            { key: 'name', title: t('review.batchName'), render: (_: unknown, b) => <Link to={`/workbench/decision-batches/${b.id}`}>{b.name}</Link> },
            { key: 'minutes', title: t('review.minutesRef'), render: (_: unknown, b) => b.minutesRef ?? '—' },
            { key: 'pool', title: t('review.pool'), render: (_: unknown, b) => b.poolName ?? '—' },
            { key: 'items', title: t('review.items'), render: (_: unknown, b) => b.itemCount },
            { key: 'total', title: t('review.total'), align: 'right', render: (_: unknown, b) => yuan(b.totalFen) },
            { key: 'status', title: t('review.status'), render: (_: unknown, b) => <BatchStatus b={b} /> },
          ]}
          card={(b) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{b.name}</Typography.Text>
              <span>
                {t('review.items')}：{b.itemCount} · {yuan(b.totalFen)}
              </span>
              <BatchStatus b={b} />
            </Flex>
          )}
        />
      )}
      <CreateBatchDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function BatchStatus({ b }: { b: Pick<BatchSummary, 'status' | 'passedCount' | 'failedCount'> }) {
  const { t } = useTranslation();
  if (b.status === 'draft') return <Tag>{t('review.draft')}</Tag>;
  return (
    <Space>
      <Tag color="green">{t('review.decided')}</Tag>
      <span>{t('review.passedFailed', { passed: b.passedCount, failed: b.failedCount })}</span>
    </Space>
  );
}

function CreateBatchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ name: string; minutesRef?: string; poolId: string }>();
  const candidates = useReviewQueue({ step: 'partyGroupDecision', page: 1, pageSize: 100 });
  const pools = usePools(open);
  const create = useCreateBatch();
  const [selected, setSelected] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const rows = candidates.data?.items ?? [];
  const submit = async () => {
    let v: { name: string; minutesRef?: string; poolId: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (selected.length === 0) {
      setFailure(t('review.chooseItems'));
      return;
    }
    try {
      const b = await create.mutateAsync({ name: v.name, ...(v.minutesRef?.trim() ? { minutesRef: v.minutesRef.trim() } : {}), poolId: v.poolId, items: selected.map((reviewId) => ({ reviewId })) });
      onClose();
      void navigate(`/workbench/decision-batches/${b.id}`);
    } catch (e) {
      setFailure(errorMessage(e, tx, t('errors.unknown')));
    }
  };
  return (
    <Modal open={open} title={t('review.newBatch')} width={820} onCancel={onClose} onOk={() => void submit()} okText={t('review.create')} cancelText={t('review.cancel')} okButtonProps={{ loading: create.isPending }} destroyOnHidden>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('review.batchName')} rules={[{ required: true, whitespace: true, message: t('review.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('review.batchNamePlaceholder')} />
        </Form.Item>
        <Form.Item name="minutesRef" label={t('review.minutesRef')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="poolId" label={t('review.pool')} rules={[{ required: true, message: t('review.poolRequired') }]}>
          <Select loading={pools.isLoading} options={(pools.data ?? []).map((p) => ({ value: p.id, label: t('review.poolOption', { name: p.name, remaining: yuan(p.remainingFen) }) }))} />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t('review.candidatesHelp')}</Typography.Paragraph>
      <Table<ReviewQueueItem>
        size="small"
        rowKey="id"
        loading={candidates.isFetching}
        pagination={false}
        scroll={{ x: 600, y: 320 }}
        dataSource={rows}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        columns={[
          { title: t('review.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('review.project'), dataIndex: 'projectTitle' },
          { title: t('review.suggested'), dataIndex: 'suggestedFen', align: 'right', render: (v: number | null) => yuan(v) },
          { title: t('review.batch'), dataIndex: 'batchName', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Modal>
  );
}

export function DecisionBatchPage() {
  const { id } = useParams();
  const batch = useBatch(id);
  if (batch.error) return <ErrorState error={batch.error} onRetry={() => void batch.refetch()} />;
  const b = batch.data;
  if (!b) return <Card loading />;
  return <BatchView b={b} />;
}

function BatchView({ b }: { b: BatchDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message, modal } = AntApp.useApp();
  const townName = useTownName();
  const update = useUpdateBatch(b.id);
  const decide = useDecideBatch(b.id);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const draft = b.status === 'draft';
  const edited = useMemo(() => Object.keys(amounts).length > 0, [amounts]);
  const total = b.items.reduce((s, i) => {
    const typed = amounts[i.reviewId];
    const parsed = typed !== undefined ? parseYuanToFen(typed) : null;
    return s + (parsed?.ok ? parsed.fen : i.approvedFen);
  }, 0);
  const save = async () => {
    const items: Array<{ reviewId: string; approvedFen: number }> = [];
    for (const i of b.items) {
      const typed = amounts[i.reviewId];
      if (typed === undefined) {
        items.push({ reviewId: i.reviewId, approvedFen: i.approvedFen });
        continue;
      }
      const parsed = parseYuanToFen(typed);
      if (!parsed.ok) {
        setFailure(`${i.enterpriseName}：${tx(parsed.message)}`);
        return;
      }
      items.push({ reviewId: i.reviewId, approvedFen: parsed.fen });
    }
    try {
      await update.mutateAsync({ items });
      setAmounts({});
      setFailure(null);
      void message.success(t('review.saved'));
    } catch (e) {
      setFailure(errorMessage(e, tx, t('errors.unknown')));
    }
  };
  const onDecide = () => {
    modal.confirm({
      title: t('review.decideTitle'),
      content: t('review.decideConfirm', { count: b.items.length, total: yuan(b.totalFen), pool: b.pool?.name ?? '—' }),
      okText: t('review.decide'),
      cancelText: t('review.cancel'),
      onOk: async () => {
        try {
          const d = await decide.mutateAsync({});
          const failed = d.items.filter((i) => i.ok === false).length;
          void message.success(t('review.decidedResult', { passed: d.items.length - failed, failed }));
        } catch (e) {
          setFailure(errorMessage(e, tx, t('errors.unknown')));
        }
      },
    });
  };
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('review.menuDecisionBatches'), to: '/workbench/decision-batches' }]}
        title={b.name}
        tag={draft ? <Tag>{t('review.draft')}</Tag> : <Tag color="green">{t('review.decided')}</Tag>}
        extra={
          draft ? (
            <Space wrap>
              <BatchPackButton batchId={b.id} />
              <Button disabled={!edited} loading={update.isPending} onClick={() => void save()}>
                {t('review.saveAmounts')}
              </Button>
              <Button type="primary" disabled={edited} loading={decide.isPending} onClick={onDecide}>
                {t('review.decide')}
              </Button>
            </Space>
          ) : (
            <BatchPackButton batchId={b.id} />
          )
        }
      />
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} closable onClose={() => setFailure(null)} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('review.minutesRef')}>{b.minutesRef ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('review.pool')}>{b.pool ? t('review.poolOption', { name: b.pool.name, remaining: yuan(b.pool.remainingFen) }) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('review.total')}>{yuan(total)}</Descriptions.Item>
          {b.decidedAt && <Descriptions.Item label={t('review.decidedAt')}>{shanghai(b.decidedAt)}{b.decidedByName ? ` · ${b.decidedByName}` : ''}</Descriptions.Item>}
          {b.announcementId && (
            <Descriptions.Item label={t('review.announcement')}>
              <Link to={`/announcements/${b.announcementId}`}>{t('review.openAnnouncement')}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        {draft && b.pool && total > b.pool.remainingFen && <Alert type="warning" showIcon message={t('review.overPool')} style={{ marginTop: 8 }} />}
      </Card>
      <Table
        size="small"
        rowKey="reviewId"
        pagination={false}
        scroll={{ x: 800 }}
        dataSource={b.items}
        columns={[
          { title: t('review.enterprise'), dataIndex: 'enterpriseName', render: (v: string, i) => <Link to={`/workbench/reviews/${i.reviewId}`}>{v}</Link> },
          { title: t('review.town'), dataIndex: 'townCode', render: (v: string) => townName(v) },
          { title: t('review.suggested'), dataIndex: 'suggestedFen', align: 'right', render: (v: number | null) => yuan(v) },
          {
            title: t('review.approvedYuan'),
            key: 'approved',
            align: 'right',
            render: (_: unknown, i) =>
              draft ? (
                <Input
                  aria-label={t('review.approvedFor', { name: i.enterpriseName })}
                  inputMode="decimal"
                  style={{ width: 160 }}
                  value={amounts[i.reviewId] ?? formatFenAsYuan(i.approvedFen).replace(/,/g, '')}
                  onChange={(e) => setAmounts((m) => ({ ...m, [i.reviewId]: e.target.value }))}
                />
              ) : (
                yuan(i.approvedFen)
              ),
          },
          {
            title: t('review.result'),
            key: 'result',
            render: (_: unknown, i) =>
              i.ok === null ? '—' : i.ok ? <Tag color="green">{t('review.itemOk')}</Tag> : (
                <Flex vertical>
                  <Tag color="red">{i.code}</Tag>
                  {i.message && <Typography.Text type="danger">{tx(i.message)}</Typography.Text>}
                </Flex>
              ),
          },
        ]}
      />
      {!draft && b.items.some((i) => i.ok === false) && <Result status="warning" title={t('review.someFailed')} subTitle={t('review.someFailedHelp')} />}
    </>
  );
}

