/** The benchmarks area: the bureau's benchmark review (tabs by state, detail drawer, dialogs) and 预奖补. */
import { Alert, App, Button, Descriptions, Drawer, Flex, Input, Modal, Select, Space, Tabs, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFenAsYuan, parseYuanToFen } from '../../../core/money';
import { KindTownFilters } from './Filters';
import { PageHeader } from '../../components/PageHeader';
import { DataView } from '../../components/DataView';
import { StatusTag } from '../../components/StatusTag';
import { ErrorState } from '../../components/ErrorState';
import { useRefLookup } from '../../api/hooks';
import { useLang } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAwardPreview, useBenchmark, useBenchmarkEvent, useBenchmarks, type BenchmarkSummary } from './api';
import { PreSubsidyPanel } from './PreSubsidy';
import { PoolSelect, Steps, useMoneyText } from './shared';

const TABS = [
  { key: 'recommended', label: 'benchmarks.tabPending' },
  { key: 'designated', label: 'benchmarks.tabDesignated' },
  { key: 'awarded', label: 'benchmarks.tabAwarded' },
  { key: 'declined', label: 'benchmarks.tabDeclined' },
] as const;

export function BenchmarkReviewPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string>('recommended');
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('benchmarks.menuBenchmarkReview')} subTitle={t('benchmarks.intro')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...TABS.map((x) => ({ key: x.key, label: t(x.label), children: tab === x.key ? <BenchmarkList state={x.key} /> : null })),
          { key: 'pre', label: t('benchmarks.tabPre'), children: tab === 'pre' ? <PreSubsidyPanel /> : null },
        ]}
      />
    </Flex>
  );
}

function BenchmarkList({ state }: { state: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const money = useMoneyText();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [kind, setKind] = useState<string | undefined>();
  const [townCode, setTown] = useState<string | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const q = useBenchmarks({ state, kind, townCode, year, ...page });
  const thisYear = new Date().getFullYear();
  const columns: TableColumnsType<BenchmarkSummary> = [
    { title: t('benchmarks.colEnterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('benchmarks.colProject'), dataIndex: 'projectTitle', ellipsis: true },
    { title: t('benchmarks.colKind'), key: 'kind', width: 120, render: (_, r) => tx(r.kindLabel) },
    { title: t('benchmarks.colTown'), dataIndex: 'townCode', width: 110, render: (v: string) => lookup.town(v) },
    { title: t('benchmarks.colInstitution'), dataIndex: 'institutionName', ellipsis: true },
    { title: t('benchmarks.colState'), key: 'state', width: 150, render: (_, r) => <StatusTag state={r.state} label={r.stateLabel} tone={r.tone} /> },
    ...(state === 'awarded' ? [{ title: t('benchmarks.colPayable'), key: 'payable', width: 140, render: (_: unknown, r: BenchmarkSummary) => money(r.payableFen) }] : []),
    { title: t('benchmarks.colRecommendedAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => formatDate(v) },
  ];
  return (
    <Flex vertical gap={12}>
      <KindTownFilters
        value={{ kind, townCode }}
        onChange={(f) => {
          setKind(f.kind);
          setTown(f.townCode);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('benchmarks.filterYear')}
          aria-label={t('benchmarks.filterYear')}
          value={year}
          onChange={(v: number | undefined) => {
            setYear(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))}
        />
      </KindTownFilters>
      {q.isError ? (
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
          onOpen={(r) => setOpen(r.id)}
          card={(r) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{r.enterpriseName}</Typography.Text>
                <StatusTag state={r.state} label={r.stateLabel} tone={r.tone} />
              </Flex>
              <Typography.Text type="secondary">{r.projectTitle}</Typography.Text>
              <Typography.Text>
                {tx(r.kindLabel)} · {lookup.town(r.townCode)} · {formatDate(r.createdAt)}
              </Typography.Text>
              {r.payableFen !== null ? <Typography.Text>{t('benchmarks.payableIs', { amount: money(r.payableFen) })}</Typography.Text> : null}
            </Flex>
          )}
        />
      )}
      <BenchmarkDrawer id={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}

function BenchmarkDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const money = useMoneyText();
  const d = useBenchmark(id);
  const [dialog, setDialog] = useState<string | null>(null);
  const b = d.data;
  const level = (n: number | null) => (n === null ? '—' : t('benchmarks.levelValue', { level: n }));
  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={t('benchmarks.detailTitle')} size="large" destroyOnHidden>
      {d.isError ? <ErrorState error={d.error} onRetry={() => void d.refetch()} /> : null}
      {b ? (
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {b.enterpriseName}
            </Typography.Title>
            <StatusTag state={b.state} label={b.stateLabel} tone={b.tone} />
          </Flex>
          {b.hint ? <Alert type="info" showIcon title={tx(b.hint)} /> : null}
          <Space wrap>
            {b.actions.map((a) => (
              <Button key={a.event} type={a.kind === 'primary' ? 'primary' : 'default'} danger={a.kind === 'danger'} disabled={!a.allowed} onClick={() => setDialog(a.event)}>
                {tx(a.label)}
              </Button>
            ))}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('benchmarks.colProject')}>{b.project.title}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.recommendedKind')}>{b.recommendedKind === 'smart' ? t('benchmarks.kindSmart') : t('benchmarks.kindWorkshop')}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.colKind')}>{tx(b.kindLabel)}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.reasons')}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{b.recommendation?.reasons ?? b.reasons}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.recommendedBy')}>{b.recommendation?.institutionName ?? b.institutionName}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.levelBefore')}>{level(b.levelBefore)}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.levelAfter')}>{level(b.levelAfter)}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.colTown')}>{lookup.town(b.project.townCode)}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.colIndustry')}>{lookup.industry(b.project.industryCode)}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.provider')}>{b.project.providerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.contractAmount')}>{money(b.project.contractFen)}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.acceptedOn')}>{formatDate(b.project.acceptedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('benchmarks.projectState')}>{tx(b.project.stateLabel)}</Descriptions.Item>
            {b.reviewOpinion ? <Descriptions.Item label={t('benchmarks.opinion')}>{b.reviewOpinion}</Descriptions.Item> : null}
          </Descriptions>
          {b.award ? (
            <div>
              <Typography.Title level={5}>{t('benchmarks.awardTitle')}</Typography.Title>
              <Steps steps={b.award.steps} />
            </div>
          ) : null}
          <div>
            <Typography.Title level={5}>{t('benchmarks.previousAwards')}</Typography.Title>
            {b.previousAwards.length === 0 ? (
              <Typography.Text type="secondary">{t('benchmarks.noPreviousAwards')}</Typography.Text>
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {b.previousAwards.map((p) => (
                  <li key={p.benchmarkId}>
                    {p.projectTitle}：{money(p.awardFen)}（{t('benchmarks.payableIs', { amount: money(p.payableFen) })}，{formatDate(p.approvedAt)}）
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('benchmarks.history')}</Typography.Title>
            <Timeline
              items={b.history.map((h) => ({
                content: (
                  <span>
                    {formatDateTime(h.at)} · {tx(h.label)} → {tx(h.toLabel)} · {h.actorName}
                    {h.reason ? `：${h.reason}` : ''}
                  </span>
                ),
              }))}
            />
          </div>
          {dialog === 'designate' ? <DesignateDialog id={b.id} initialKind={b.recommendedKind} onClose={() => setDialog(null)} /> : null}
          {dialog === 'decline' ? <DeclineDialog id={b.id} onClose={() => setDialog(null)} /> : null}
          {dialog === 'approveAward' ? <AwardDialog id={b.id} onClose={() => setDialog(null)} /> : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}

function DesignateDialog({ id, initialKind, onClose }: { id: string; initialKind: 'workshop' | 'smart'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fire = useBenchmarkEvent(id);
  const [kind, setKind] = useState(initialKind);
  const [opinion, setOpinion] = useState('');
  return (
    <Modal
      open
      title={t('benchmarks.designate')}
      onCancel={onClose}
      okText={t('benchmarks.designate')}
      okButtonProps={{ disabled: opinion.trim() === '', loading: fire.isPending }}
      onOk={() =>
        fire.mutate(
          { event: 'designate', input: { kind, opinion: opinion.trim() } },
          { onSuccess: () => { void message.success(t('benchmarks.done')); onClose(); }, onError: (e) => void message.error(e.message) },
        )
      }
    >
      <Flex vertical gap={12}>
        <Select
          aria-label={t('benchmarks.colKind')}
          value={kind}
          onChange={setKind}
          options={[
            { value: 'workshop', label: t('benchmarks.kindWorkshop') },
            { value: 'smart', label: t('benchmarks.kindSmart') },
          ]}
        />
        <Input.TextArea aria-label={t('benchmarks.opinion')} placeholder={t('benchmarks.opinion')} rows={4} maxLength={2000} value={opinion} onChange={(e) => setOpinion(e.target.value)} />
      </Flex>
    </Modal>
  );
}

function DeclineDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fire = useBenchmarkEvent(id);
  const [reason, setReason] = useState('');
  return (
    <Modal
      open
      title={t('benchmarks.decline')}
      onCancel={onClose}
      okText={t('benchmarks.decline')}
      okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: fire.isPending }}
      onOk={() => fire.mutate({ event: 'decline', reason: reason.trim() }, { onSuccess: () => { void message.success(t('benchmarks.done')); onClose(); }, onError: (e) => void message.error(e.message) })}
    >
      <Input.TextArea aria-label={t('benchmarks.declineReason')} placeholder={t('benchmarks.declineReason')} rows={4} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}

function AwardDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = App.useApp();
  const fire = useBenchmarkEvent(id);
  const [yuan, setYuan] = useState('');
  const [poolId, setPool] = useState<string | undefined>();
  const parsed = yuan.trim() === '' ? null : parseYuanToFen(yuan);
  const fen = parsed?.ok ? parsed.fen : null;
  const preview = useAwardPreview(id, fen);
  const refusal = preview.data?.refusal ?? null;
  return (
    <Modal
      open
      title={t('benchmarks.approveAward')}
      onCancel={onClose}
      okText={t('benchmarks.approveAward')}
      okButtonProps={{ disabled: fen === null || !poolId || refusal !== null, loading: fire.isPending }}
      onOk={() =>
        fire.mutate(
          { event: 'approveAward', input: { awardFen: fen ?? 0, poolId } },
          { onSuccess: () => { void message.success(t('benchmarks.done')); onClose(); }, onError: (e) => void message.error(e.message) },
        )
      }
    >
      <Flex vertical gap={12}>
        <label>
          {t('benchmarks.awardYuan')}
          <Input inputMode="decimal" aria-label={t('benchmarks.awardYuan')} value={yuan} onChange={(e) => setYuan(e.target.value)} status={parsed && !parsed.ok ? 'error' : undefined} />
        </label>
        {parsed && !parsed.ok ? <Typography.Text type="danger">{tx(parsed.message)}</Typography.Text> : null}
        <PoolSelect value={poolId} onChange={setPool} />
        {preview.data ? (
          <div>
            <Typography.Text strong>{t('benchmarks.computation')}</Typography.Text>
            <Steps steps={preview.data.steps} />
            {refusal ? <Alert type="error" showIcon title={tx(refusal)} /> : null}
            {!refusal && fen !== null ? <Typography.Text>{formatFenAsYuan(preview.data.payableFen)}</Typography.Text> : null}
          </div>
        ) : null}
        {preview.isError ? <Alert type="error" showIcon title={preview.error.message} /> : null}
      </Flex>
    </Modal>
  );
}
