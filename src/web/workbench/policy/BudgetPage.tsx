/**
 * 预算与台账: the budget pools per year and fund source with committed / paid / remaining as progress bars, the
 * totals per fund source, creating a pool and changing its total (admin or finance), and the ledger of every
 * commitment, release and payment with filters, sums and the Excel export.
 */
import { Alert, App as AntApp, Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFenAsWan, formatFenAsYuan, parseYuanToFen } from '../../../core/money';
import { FUND_SOURCES, FUND_SOURCE_LABELS, MONEY_LINES, MONEY_LINE_LABELS, type FundSource } from '../../../core/subsidy/policy';
import { isApiError } from '../../api/client';
import { DataView } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLang } from '../../i18n';
import { ledgerExportUrl, useLedger, usePools, useSavePool, type LedgerFilter, type LedgerRow, type PoolTotals, type PoolView } from './api';

const KIND_COLOR: Record<string, string> = { commit: 'blue', release: 'default', pay: 'green' };

function pct(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.floor((part * 1000) / whole) / 10);
}

function PoolBars({ p }: { p: PoolTotals }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} style={{ minWidth: 180 }}>
      <Progress percent={pct(p.committedFen, p.totalFen)} success={{ percent: pct(p.paidFen, p.totalFen) }} showInfo={false} size="small" aria-label={t('policy.barsLabel')} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('policy.barsText', { committed: formatFenAsWan(p.committedFen), paid: formatFenAsWan(p.paidFen), remaining: formatFenAsWan(p.remainingFen) })}
      </Typography.Text>
    </Flex>
  );
}

function YuanField({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  const { tx } = useLang();
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        {
          required,
          validator: async (_r: unknown, v: string | undefined) => {
            const r = parseYuanToFen(String(v ?? ''));
            if (!r.ok) throw new Error(tx(r.message));
          },
        },
      ]}
      extra={
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) => {
            const r = parseYuanToFen(String(getFieldValue(name) ?? ''));
            return r.ok ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('policy.wanHint', { wan: formatFenAsWan(r.fen) })}</Typography.Text> : null;
          }}
        </Form.Item>
      }
    >
      <Input suffix={t('policy.yuan')} inputMode="decimal" />
    </Form.Item>
  );
}

function PoolDialog({ pool, onClose }: { pool: PoolView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ year: number; fundSource: FundSource; name?: string; total: string; reason?: string }>();
  const save = useSavePool();
  const [error, setError] = useState<string | null>(null);
  const onOk = async () => {
    const v = await form.validateFields();
    const total = parseYuanToFen(v.total);
    if (!total.ok) return;
    setError(null);
    save.mutate(
      pool ? { id: pool.id, body: { totalFen: total.fen, ...(v.name ? { name: v.name } : {}), ...(v.reason ? { reason: v.reason } : {}) } } : { id: null, body: { year: v.year, fundSource: v.fundSource, totalFen: total.fen, ...(v.name ? { name: v.name } : {}) } },
      {
        onSuccess: () => {
          void message.success(t('policy.poolSaved'));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e)) form.setFields(e.fields.filter((f) => ['year', 'fundSource', 'name', 'totalFen'].includes(f.path)).map((f) => ({ name: f.path === 'totalFen' ? 'total' : (f.path as 'year'), errors: [f.message] })));
          setError(e.message);
        },
      },
    );
  };
  return (
    <Modal open title={pool ? t('policy.editPool', { name: pool.name }) : t('policy.newPool')} onCancel={onClose} onOk={() => void onOk()} okText={t('policy.save')} cancelText={t('policy.cancel')} confirmLoading={save.isPending} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {pool ? (
        <Typography.Paragraph type="secondary">{t('policy.committedNow', { committed: formatFenAsYuan(pool.committedFen) })}</Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={pool ? { name: pool.name, total: formatFenAsYuan(pool.totalFen).replaceAll(',', '') } : { year: new Date().getFullYear(), fundSource: 'city' }}
      >
        {pool ? null : (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="year" label={t('policy.year')} rules={[{ required: true, message: t('policy.required') }]}>
                <InputNumber min={2020} max={2100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="fundSource" label={t('policy.fundSource')} rules={[{ required: true, message: t('policy.required') }]}>
                <Select options={FUND_SOURCES.map((s) => ({ value: s, label: tx(FUND_SOURCE_LABELS[s]) }))} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="name" label={t('policy.poolName')} extra={pool ? undefined : t('policy.poolNameHelp')}>
          <Input maxLength={100} />
        </Form.Item>
        <YuanField name="total" label={t('policy.poolTotal')} />
        {pool ? (
          <Form.Item name="reason" label={t('policy.changeReason')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function Ledger({ pools }: { pools: PoolView[] }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const [filter, setFilter] = useState<LedgerFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useLedger(filter, page, pageSize);
  const change = (patch: Partial<LedgerFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const at = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const amount = (r: LedgerRow) => `${r.kind === 'release' ? '−' : ''}${formatFenAsYuan(r.amountFen)}`;
  return (
    <Card size="small" title={t('policy.ledgerTitle')} style={{ marginTop: 16 }}>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={12} md={6}>
          <Select allowClear style={{ width: '100%' }} placeholder={t('policy.filterPool')} aria-label={t('policy.filterPool')} value={filter.poolId} onChange={(v?: string) => change({ poolId: v })} options={pools.map((p) => ({ value: p.id, label: p.name }))} />
        </Col>
        <Col xs={12} sm={6} md={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('policy.filterKind')}
            aria-label={t('policy.filterKind')}
            value={filter.kind}
            onChange={(v?: LedgerFilter['kind']) => change({ kind: v })}
            options={(['commit', 'release', 'pay'] as const).map((k) => ({ value: k, label: t(`policy.kind.${k}`) }))}
          />
        </Col>
        <Col xs={12} sm={6} md={4}>
          <Select allowClear style={{ width: '100%' }} placeholder={t('policy.filterLine')} aria-label={t('policy.filterLine')} value={filter.line} onChange={(v?: LedgerFilter['line']) => change({ line: v })} options={MONEY_LINES.map((l) => ({ value: l, label: tx(MONEY_LINE_LABELS[l]) }))} />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <Input type="date" aria-label={t('policy.filterFrom')} value={filter.from ?? ''} onChange={(e) => change({ from: e.target.value || undefined })} />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <Input type="date" aria-label={t('policy.filterTo')} value={filter.to ?? ''} onChange={(e) => change({ to: e.target.value || undefined })} />
        </Col>
        <Col xs={24} sm={12} md={4}>
          <Button icon={<DownloadOutlined />} href={ledgerExportUrl(filter)} download block data-testid="ledger-export">
            {t('policy.export')}
          </Button>
        </Col>
      </Row>
      {q.data ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('policy.ledgerSums', { commit: formatFenAsYuan(q.data.sums.commitFen), release: formatFenAsYuan(q.data.sums.releaseFen), pay: formatFenAsYuan(q.data.sums.payFen) })}
        </Typography.Paragraph>
      ) : null}
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<LedgerRow>
          rows={q.data?.items ?? []}
          rowKey={(r) => String(r.id)}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          scrollX={1000}
          empty={t('policy.noLedger')}
          columns={[
            { title: t('policy.at'), key: 'at', width: 160, render: (_: unknown, r) => at(r.at) },
            { title: t('policy.pool'), dataIndex: 'poolName', width: 180 },
            { title: t('policy.project'), key: 'project', width: 240, render: (_: unknown, r) => (r.enterpriseName ? <Flex vertical><span>{r.enterpriseName}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.filingNo ?? ''} {r.projectTitle ?? ''}</Typography.Text></Flex> : '—') },
            { title: t('policy.line'), key: 'line', width: 100, render: (_: unknown, r) => tx(r.lineLabel) },
            { title: t('policy.kindCol'), key: 'kind', width: 80, render: (_: unknown, r) => <Tag color={KIND_COLOR[r.kind]}>{tx(r.kindLabel)}</Tag> },
            { title: t('policy.amountYuan'), key: 'amount', width: 140, align: 'right', render: (_: unknown, r) => amount(r) },
            { title: t('policy.reason'), dataIndex: 'reason', width: 160, render: (v: string | null) => v ?? '—' },
          ]}
          card={(r) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                <Space size={4}>
                  <Tag color={KIND_COLOR[r.kind]}>{tx(r.kindLabel)}</Tag>
                  <span>{tx(r.lineLabel)}</span>
                </Space>
                <Typography.Text strong>{amount(r)} {t('policy.yuan')}</Typography.Text>
              </Flex>
              <Typography.Text>{r.enterpriseName ?? '—'}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.poolName} · {at(r.at)}
              </Typography.Text>
            </Flex>
          )}
        />
      )}
    </Card>
  );
}

export function BudgetPage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [year, setYear] = useState<number | undefined>(undefined);
  const q = usePools(page, pageSize, { year });
  const all = usePools(1, 100);
  const [dialog, setDialog] = useState<{ pool: PoolView | null } | null>(null);
  const data = q.data;
  const years = [...new Set((all.data?.items ?? []).map((p) => p.year))];
  return (
    <>
      <PageHeader
        title={t('policy.menuBudget')}
        extra={
          data?.canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ pool: null })} data-testid="pool-new">
              {t('policy.newPool')}
            </Button>
          ) : null
        }
      />
      {data ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {data.bySource.map((s) => (
            <Col xs={24} md={8} key={s.fundSource}>
              <Card size="small">
                <Statistic title={tx(s.fundSourceLabel)} value={formatFenAsWan(s.totalFen)} suffix={t('policy.wan')} />
                <PoolBars p={s} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <Select allowClear style={{ width: 160 }} placeholder={t('policy.filterYear')} aria-label={t('policy.filterYear')} value={year} onChange={(v?: number) => { setYear(v); setPage(1); }} options={years.map((y) => ({ value: y, label: String(y) }))} />
      </Flex>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<PoolView>
          rows={data?.items ?? []}
          rowKey={(p) => p.id}
          loading={q.isFetching}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          scrollX={1000}
          empty={t('policy.noPools')}
          columns={[
            { title: t('policy.year'), dataIndex: 'year', width: 70 },
            { title: t('policy.fundSource'), key: 'source', width: 130, render: (_: unknown, p) => tx(p.fundSourceLabel) },
            { title: t('policy.poolName'), dataIndex: 'name', width: 200 },
            { title: t('policy.poolTotalYuan'), key: 'total', width: 150, align: 'right', render: (_: unknown, p) => formatFenAsYuan(p.totalFen) },
            { title: t('policy.committedYuan'), key: 'committed', width: 150, align: 'right', render: (_: unknown, p) => formatFenAsYuan(p.committedFen) },
            { title: t('policy.paidYuan'), key: 'paid', width: 150, align: 'right', render: (_: unknown, p) => formatFenAsYuan(p.paidFen) },
            { title: t('policy.remainingYuan'), key: 'remaining', width: 150, align: 'right', render: (_: unknown, p) => formatFenAsYuan(p.remainingFen) },
            { title: t('policy.progress'), key: 'bars', width: 220, render: (_: unknown, p) => <PoolBars p={p} /> },
            ...(data?.canWrite ? [{ title: t('policy.actions'), key: 'act', width: 110, render: (_: unknown, p: PoolView) => <Button size="small" onClick={() => setDialog({ pool: p })}>{t('policy.changeTotal')}</Button> }] : []),
          ]}
          card={(p) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Tag>{tx(p.fundSourceLabel)}</Tag>
              </Flex>
              <Typography.Text>{t('policy.cardTotal', { total: formatFenAsYuan(p.totalFen) })}</Typography.Text>
              <PoolBars p={p} />
              {data?.canWrite ? (
                <Button size="small" onClick={() => setDialog({ pool: p })} style={{ alignSelf: 'flex-start' }}>
                  {t('policy.changeTotal')}
                </Button>
              ) : null}
            </Flex>
          )}
        />
      )}
      <Ledger pools={all.data?.items ?? []} />
      {dialog ? <PoolDialog pool={dialog.pool} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
