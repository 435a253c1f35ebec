/**
 * 资金拨付 (the bureau; finance acts): every tranche with filters (state, line, town, pool, dates), the totals of
 * the filter, the Excel export, and a drawer per tranche with the amount's basis, the account (in full only for
 * finance — the server decides), the paperwork, the history and the pay / fail / retry dialogs. Each dialog
 * opening carries a fresh idempotency key, so a double click or a resent request never pays twice.
 */
import { App as AntApp, Alert, Button, Checkbox, Col, Descriptions, Drawer, Flex, Form, Input, List, Modal, Row, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefLookup } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { DataView } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { LinkButton } from '../../components/LinkButton';
import { useLang } from '../../i18n';
import { formatDate, formatDateTime, todayInShanghai } from '../../lib/format';
import { applyFieldErrors } from '../../lib/formErrors';
import { formatFenAsYuan } from '../../../core/money';
import { MONEY_LINES, MONEY_LINE_LABELS } from '../../../core/subsidy/policy';
import { TRANCHE_STATES, TRANCHE_LIFECYCLE } from '../../../core/workflow/tranche-lifecycle';
import { trancheExportUrl, useFireTranche, usePoolOptions, useTranche, useTranches, type BankAccount, type Tranche, type TrancheDetail, type TrancheFilter } from './api';

const yuan = (fen: number) => formatFenAsYuan(fen);

function AccountText({ account }: { account: BankAccount | null }) {
  const { t } = useTranslation();
  if (!account) return <Typography.Text type="danger">{t('money.noAccount')}</Typography.Text>;
  return (
    <span>
      {account.bankName} · <span data-testid="account-number">{account.accountNumber}</span>
    </span>
  );
}

function PayDialog({ tranche, open, onClose }: { tranche: TrancheDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ voucherNo: string; paidOn: string; confirmed: boolean }>();
  // A fresh key per opening: the dialog's retries (a double click, a lost answer) reuse it, a new opening does not.
  const [key] = useState(() => crypto.randomUUID());
  const [rest, setRest] = useState<string[]>([]);
  const fire = useFireTranche(tranche.id);
  const submit = async () => {
    const v = await form.validateFields();
    setRest([]);
    try {
      await fire.mutateAsync({ event: 'pay', body: { idempotencyKey: key, voucherNo: v.voucherNo.trim(), paidOn: v.paidOn } });
      void message.success(t('money.done'));
      onClose();
    } catch (e) {
      const left = applyFieldErrors(form, e, { fields: ['voucherNo', 'paidOn'], map: { 'input.voucherNo': 'voucherNo', 'input.paidOn': 'paidOn' } });
      setRest(left.length ? left : isApiError(e) ? [e.message] : [String(e)]);
    }
  };
  return (
    <Modal open={open} title={t('money.payTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('money.submit')} cancelText={t('money.cancel')} confirmLoading={fire.isPending} destroyOnHidden>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('money.enterprise')}>{tranche.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t('money.amount')}>{t('money.amountYuan', { amount: yuan(tranche.amountFen) })}</Descriptions.Item>
        <Descriptions.Item label={t('money.account')}>
          <AccountText account={tranche.bankAccount} />
        </Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" initialValues={{ paidOn: todayInShanghai(), confirmed: false }}>
        <Form.Item name="voucherNo" label={t('money.voucherNo')} rules={[{ required: true, whitespace: true, message: t('money.voucherRequired') }, { max: 64 }]}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="paidOn"
          label={t('money.paidOn')}
          rules={[
            { required: true, message: t('money.dateRequired') },
            { validator: (_r, v: string) => (v && v > todayInShanghai() ? Promise.reject(new Error(t('money.dateFuture'))) : Promise.resolve()) },
          ]}
        >
          <Input type="date" max={todayInShanghai()} />
        </Form.Item>
        <Form.Item name="confirmed" valuePropName="checked" rules={[{ validator: (_r, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('money.payConfirmRequired')))) }]}>
          <Checkbox>{t('money.payConfirm')}</Checkbox>
        </Form.Item>
      </Form>
      {rest.length ? <Alert type="error" showIcon title={rest.join('；')} /> : null}
    </Modal>
  );
}

function FailDialog({ tranche, open, onClose }: { tranche: TrancheDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [key] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const fire = useFireTranche(tranche.id);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await fire.mutateAsync({ event: 'fail', body: { idempotencyKey: key, reason: v.reason.trim() } });
      void message.success(t('money.done'));
      onClose();
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  };
  return (
    <Modal open={open} title={t('money.failTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('money.submit')} cancelText={t('money.cancel')} okButtonProps={{ danger: true }} confirmLoading={fire.isPending} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('money.failReason')} rules={[{ required: true, whitespace: true, message: t('money.failReasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}

function TrancheDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message, modal } = AntApp.useApp();
  const q = useTranche(id);
  const [dialog, setDialog] = useState<'pay' | 'fail' | null>(null);
  const fire = useFireTranche(id ?? '');
  const d = q.data;
  const eventLabel = (event: string) => {
    for (const s of TRANCHE_LIFECYCLE.states) for (const tr of s.transitions) if (tr.event === event) return tx(tr.label);
    return event;
  };
  const stateLabel = (state: string) => tx(TRANCHE_LIFECYCLE.states.find((s) => s.id === state)?.label) || state;
  const retry = () =>
    modal.confirm({
      title: t('money.retryTitle'),
      content: t('money.retryConfirm'),
      okText: t('money.submit'),
      cancelText: t('money.cancel'),
      onOk: async () => {
        try {
          await fire.mutateAsync({ event: 'retry', body: {} });
          void message.success(t('money.done'));
        } catch (e) {
          void message.error(isApiError(e) ? e.message : String(e));
        }
      },
    });
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={t('money.detailTitle')} destroyOnHidden>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : d ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('money.enterprise')}>
              {d.enterpriseName} <Typography.Text type="secondary">{d.filingNo ?? ''}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('money.town')}>{tx(d.townName)}</Descriptions.Item>
            <Descriptions.Item label={t('money.line')}>{tx(d.lineLabel)}</Descriptions.Item>
            <Descriptions.Item label={t('money.pool')}>
              {d.poolName}（{tx(d.fundSourceLabel)}）
            </Descriptions.Item>
            <Descriptions.Item label={t('money.amount')}>
              <Typography.Text strong>{t('money.amountYuan', { amount: yuan(d.amountFen) })}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('money.colState')}>
              <StatusTag state={d.state} label={d.stateLabel} tone={d.tone} />
            </Descriptions.Item>
            <Descriptions.Item label={t('money.account')}>
              <AccountText account={d.bankAccount} />
              {d.bankAccount ? (
                <div>
                  <Typography.Text type="secondary">
                    {d.bankAccount.accountName} · {d.bankAccount.masked ? t('money.accountMaskedNote') : t('money.accountFullNote')}
                  </Typography.Text>
                </div>
              ) : null}
            </Descriptions.Item>
            {d.voucherNo ? <Descriptions.Item label={t('money.voucherNo')}>{d.voucherNo}</Descriptions.Item> : null}
            {d.paidOn ? <Descriptions.Item label={t('money.paidOn')}>{formatDate(d.paidOn)}</Descriptions.Item> : null}
            {d.failureReason ? <Descriptions.Item label={t('money.failureReason')}>{d.failureReason}</Descriptions.Item> : null}
            <Descriptions.Item label={t('money.attempts')}>{d.attempts}</Descriptions.Item>
          </Descriptions>
          {d.basis.length ? (
            <div>
              <Typography.Title level={5}>{t('money.basis')}</Typography.Title>
              <List size="small" dataSource={d.basis} renderItem={(s, i) => <List.Item>{`${i + 1}. ${tx(s)}`}</List.Item>} />
            </div>
          ) : null}
          {d.state === 'pending' || d.state === 'failed' ? (
            d.paperworkMissing.length ? (
              <Alert type="warning" showIcon title={t('money.paperwork')} description={t('money.paperworkMissing', { list: d.paperworkMissing.map(tx).join('、') })} />
            ) : (
              <Alert type="success" showIcon title={t('money.paperworkComplete')} />
            )
          ) : null}
          {d.actions.length ? (
            <Flex vertical gap={8}>
              <Space wrap>
                {d.actions.map((a) => (
                  <Button
                    key={a.event}
                    type={a.kind === 'primary' ? 'primary' : 'default'}
                    danger={a.kind === 'danger'}
                    disabled={!a.allowed}
                    onClick={() => (a.event === 'pay' ? setDialog('pay') : a.event === 'fail' ? setDialog('fail') : retry())}
                  >
                    {tx(a.label)}
                  </Button>
                ))}
              </Space>
              {d.actions
                .filter((a) => !a.allowed && a.reasons.length)
                .map((a) => (
                  <Typography.Text key={a.event} type="secondary">
                    {t('money.cannot', { reasons: a.reasons.map(tx).join('；') })}
                  </Typography.Text>
                ))}
            </Flex>
          ) : null}
          <LinkButton to={`/workbench/projects/${d.projectId}`}>{t('money.openProject')}</LinkButton>
          {d.history.length ? (
            <div>
              <Typography.Title level={5}>{t('money.history')}</Typography.Title>
              <Timeline
                items={d.history.map((h) => ({
                  content: (
                    <span>
                      {t('money.historyItem', { event: eventLabel(h.event), from: stateLabel(h.from), to: stateLabel(h.to) })} · {formatDateTime(h.at)}
                      {h.reason ? <div>{h.reason}</div> : null}
                    </span>
                  ),
                }))}
              />
            </div>
          ) : null}
          {dialog === 'pay' ? <PayDialog tranche={d} open onClose={() => setDialog(null)} /> : null}
          {dialog === 'fail' ? <FailDialog tranche={d} open onClose={() => setDialog(null)} /> : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}

export function DisbursementsPage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const pools = usePoolOptions();
  const [filter, setFilter] = useState<TrancheFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useState<string | null>(null);
  const q = useTranches(filter, page, pageSize);
  const change = (patch: TrancheFilter) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const stateOptions = TRANCHE_STATES.map((s) => ({ value: s, label: tx(TRANCHE_LIFECYCLE.states.find((x) => x.id === s)?.label) }));
  const lineOptions = MONEY_LINES.map((l) => ({ value: l, label: tx(MONEY_LINE_LABELS[l]) }));
  const poolOptions = (pools.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  const totals = q.data?.totals;
  return (
    <div>
      <PageHeader
        title={t('money.menuDisbursements')}
        extra={
          <Button icon={<DownloadOutlined />} href={trancheExportUrl(filter)}>
            {t('money.export')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('money.disbursementsIntro')}</Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Select allowClear style={{ width: '100%' }} placeholder={t('money.filterState')} aria-label={t('money.filterState')} options={stateOptions} value={filter.state} onChange={(v?: string) => change({ state: v })} />
        </Col>
        <Col xs={12} md={6}>
          <Select allowClear style={{ width: '100%' }} placeholder={t('money.filterLine')} aria-label={t('money.filterLine')} options={lineOptions} value={filter.line} onChange={(v?: string) => change({ line: v })} />
        </Col>
        <Col xs={12} md={6}>
          <Select allowClear style={{ width: '100%' }} placeholder={t('money.filterTown')} aria-label={t('money.filterTown')} options={lookup.townOptions} value={filter.townCode} onChange={(v?: string) => change({ townCode: v })} showSearch={{ optionFilterProp: 'label' }} />
        </Col>
        <Col xs={12} md={6}>
          <Select allowClear style={{ width: '100%' }} placeholder={t('money.filterPool')} aria-label={t('money.filterPool')} options={poolOptions} value={filter.poolId} onChange={(v?: string) => change({ poolId: v })} />
        </Col>
        <Col xs={8} md={6}>
          <Select
            style={{ width: '100%' }}
            aria-label={t('money.filterDateOf')}
            value={filter.dateOf ?? 'opened'}
            options={[
              { value: 'opened', label: t('money.dateOpened') },
              { value: 'paid', label: t('money.datePaid') },
            ]}
            onChange={(v: 'opened' | 'paid') => change({ dateOf: v })}
          />
        </Col>
        <Col xs={8} md={6}>
          <Input type="date" aria-label={t('money.filterFrom')} value={filter.from ?? ''} onChange={(e) => change({ from: e.target.value || undefined })} />
        </Col>
        <Col xs={8} md={6}>
          <Input type="date" aria-label={t('money.filterTo')} value={filter.to ?? ''} onChange={(e) => change({ to: e.target.value || undefined })} />
        </Col>
        <Col xs={24} md={6}>
          <Button onClick={() => { setFilter({}); setPage(1); }}>{t('money.clearFilters')}</Button>
        </Col>
      </Row>
      {totals ? (
        <Alert style={{ marginBottom: 12 }} type="info" title={t('money.totals', { count: totals.count, amount: yuan(totals.amountFen), paid: yuan(totals.paidFen) })} data-testid="tranche-totals" />
      ) : null}
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<Tranche>
          rows={q.data?.items ?? []}
          rowKey={(r) => r.id}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          onOpen={(r) => setOpenId(r.id)}
          empty={t('money.empty')}
          scrollX={1000}
          columns={[
            {
              title: t('money.colProject'),
              key: 'project',
              render: (_v, r) => (
                <div>
                  <div>{r.enterpriseName}</div>
                  <Typography.Text type="secondary">{r.filingNo ?? ''} · {tx(r.townName)}</Typography.Text>
                </div>
              ),
            },
            { title: t('money.colLine'), key: 'line', width: 110, render: (_v, r) => <Tag>{tx(r.lineLabel)}</Tag> },
            { title: t('money.colPool'), key: 'pool', width: 160, render: (_v, r) => r.poolName },
            { title: t('money.colAmount'), key: 'amount', width: 140, align: 'right', render: (_v, r) => yuan(r.amountFen) },
            { title: t('money.colState'), key: 'state', width: 100, render: (_v, r) => <StatusTag state={r.state} label={r.stateLabel} tone={r.tone} /> },
            { title: t('money.colPayment'), key: 'payment', width: 160, render: (_v, r) => (r.voucherNo ? `${r.voucherNo} · ${formatDate(r.paidOn)}` : '—') },
            { title: t('money.colAccount'), key: 'account', width: 220, render: (_v, r) => <AccountText account={r.bankAccount} /> },
            {
              title: '',
              key: 'open',
              width: 80,
              render: (_v, r) => (
                <Button size="small" onClick={(e) => { e.stopPropagation(); setOpenId(r.id); }}>
                  {t('money.open')}
                </Button>
              ),
            },
          ]}
          card={(r) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{r.enterpriseName}</Typography.Text>
                <StatusTag state={r.state} label={r.stateLabel} tone={r.tone} />
              </Flex>
              <span>
                {tx(r.lineLabel)} · {t('money.amountYuan', { amount: yuan(r.amountFen) })}
              </span>
              <Typography.Text type="secondary">
                {r.poolName} · <AccountText account={r.bankAccount} />
              </Typography.Text>
            </Flex>
          )}
        />
      )}
      <TrancheDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
