import { Alert, App as AntApp, Button, Card, Col, Drawer, Empty, Flex, Grid, Input, Row, Select, Space, Spin, Table, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useDecideEntry, useEntries, useEntry, type EntryAction, type EntrySummary, type ProviderType } from '../../api/catalog';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useSearchState } from '../../lib/useSearchState';
import { EntryStateTag, FIELD_LABEL_KEYS, ProductDescriptions, useFieldText } from './shared';
import { ORG_TYPE_LABELS, type OrgType } from '../../../core/identity/roles';

const KEYS = ['state', 'q', 'providerType'] as const;
const STATES = ['underReview', 'returned', 'approved', 'rejected', 'withdrawn', 'all'] as const;

function EntryDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message, modal } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const q = useEntry(id);
  const decide = useDecideEntry();
  const text = useFieldText();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const e = q.data;
  const run = (a: EntryAction) => {
    if (!id) return;
    if (a.needsReason && !reason.trim()) {
      setReasonError(t('catalog.reasonRequired'));
      return;
    }
    setReasonError(null);
    const go = () =>
      decide.mutate(
        { id, event: a.event, ...(a.needsReason ? { reason: reason.trim() } : {}) },
        {
          onSuccess: () => {
            void message.success(t('catalog.decisionDone', { action: tx(a.label) }));
            setReason('');
            onClose();
          },
          onError: (err) => void message.error(err instanceof ApiError ? err.message : t('errors.unknown')),
        },
      );
    if (a.confirm) modal.confirm({ title: t('catalog.confirmTitle'), content: tx(a.confirm), onOk: go });
    else go();
  };
  const needsReason = e?.actions.some((a) => a.needsReason) ?? false;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={t('catalog.detailTitle')} size={screens.md ? 760 : '100%'} destroyOnHidden>
      {q.isLoading ? (
        <Spin />
      ) : q.error ? (
        <ErrorState error={q.error} />
      ) : e ? (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {e.snapshot.name}
            </Typography.Title>
            <EntryStateTag state={e.state} />
            <Typography.Text type="secondary">
              {e.provider.name} · {e.provider.type in ORG_TYPE_LABELS ? tx(ORG_TYPE_LABELS[e.provider.type as OrgType]) : e.provider.type}
            </Typography.Text>
          </Flex>
          <Card size="small" title={t('catalog.diffTitle')}>
            {e.previous === null ? (
              <Typography.Text type="secondary">{t('catalog.diffFirst')}</Typography.Text>
            ) : e.diff.length === 0 ? (
              <Typography.Text type="secondary">{t('catalog.diffNone')}</Typography.Text>
            ) : (
              <Table
                size="small"
                rowKey="field"
                pagination={false}
                scroll={{ x: 520 }}
                dataSource={e.diff}
                data-testid="entry-diff"
                columns={[
                  { title: t('catalog.colChanged'), dataIndex: 'field', width: 140, render: (f: keyof typeof FIELD_LABEL_KEYS) => String(t(FIELD_LABEL_KEYS[f])) },
                  { title: t('catalog.diffBefore'), dataIndex: 'before', render: (v: unknown, r) => <Typography.Text delete>{text(r.field, v)}</Typography.Text> },
                  { title: t('catalog.diffAfter'), dataIndex: 'after', render: (v: unknown, r) => <Typography.Text mark>{text(r.field, v)}</Typography.Text> },
                ]}
              />
            )}
          </Card>
          <ProductDescriptions p={e.snapshot} />
          {e.actions.length > 0 ? (
            <Card size="small">
              <Flex vertical gap={8}>
                {needsReason ? (
                  <div>
                    <Typography.Text>{t('catalog.reasonLabel')}</Typography.Text>
                    <Input.TextArea
                      value={reason}
                      onChange={(x) => setReason(x.target.value)}
                      maxLength={500}
                      showCount
                      placeholder={t('catalog.reasonPlaceholder')}
                      aria-label={t('catalog.reasonLabel')}
                      status={reasonError ? 'error' : undefined}
                      data-testid="entry-reason"
                    />
                    {reasonError ? <Typography.Text type="danger">{reasonError}</Typography.Text> : null}
                  </div>
                ) : null}
                <Flex gap={8} wrap>
                  {e.actions.map((a) => (
                    <Button key={a.event} type={a.kind === 'primary' ? 'primary' : 'default'} danger={a.kind === 'danger'} disabled={!a.allowed || decide.isPending} onClick={() => run(a)} data-testid={`entry-${a.event}`}>
                      {tx(a.label)}
                    </Button>
                  ))}
                </Flex>
              </Flex>
            </Card>
          ) : (
            <Alert type="info" showIcon title={t('catalog.noActions')} />
          )}
          <Card size="small" title={t('catalog.historyTitle')}>
            <Timeline
              items={e.history.map((h, i) => ({
                key: i,
                content: (
                  <div>
                    <Typography.Text strong>{tx(h.label)}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(h.at)} · {h.actorOrgName ?? '—'}</Typography.Text>
                    {h.reason ? <div>{t('catalog.reasonLabel')}：{h.reason}</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** 产品入库审核 (bureau): the product entries by state, each opened in a drawer with every field and the changes. */
export function CatalogReviewPage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const s = useSearchState(KEYS, { pageSize: 20 });
  const state = STATES.find((x) => x === s.values.state) ?? 'underReview';
  const providerType = s.values.providerType === 'leading_unit' || s.values.providerType === 'catalog_provider' ? (s.values.providerType as ProviderType) : undefined;
  const q = useEntries({ page: s.page, pageSize: s.pageSize, state, q: s.values.q, providerType });
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<EntrySummary> = [
    {
      title: t('catalog.colProduct'),
      dataIndex: 'productName',
      render: (x: string, r) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setOpen(r.id)} data-testid="entry-open">
          {x}
        </Button>
      ),
    },
    { title: t('catalog.colProvider'), key: 'provider', render: (_x, r) => r.provider.name },
    { title: t('catalog.colState'), dataIndex: 'state', width: 130, render: (x: string) => <EntryStateTag state={x} /> },
    { title: t('catalog.colSubmittedAt'), dataIndex: 'submittedAt', width: 160, render: (x: string | null) => formatDateTime(x) },
    { title: t('catalog.colSubmissions'), dataIndex: 'submissions', width: 90 },
    {
      title: t('catalog.colChanged'),
      dataIndex: 'changedFields',
      width: 200,
      render: (x: string[], r) => (r.submissions <= 1 ? t('catalog.firstSubmission') : x.length === 0 ? t('catalog.noChanges') : t('catalog.changedCount', { count: x.length })),
    },
  ];
  return (
    <>
      <PageHeader title={t('catalog.menuReview')} subTitle={t('catalog.reviewIntro')} />
      <Flex vertical gap={12}>
        <Card size="small">
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <Input.Search allowClear key={s.values.q ?? ''} defaultValue={s.values.q} placeholder={t('catalog.searchEntries')} aria-label={t('catalog.searchEntries')} onSearch={(x) => s.set({ q: x.trim() })} />
            </Col>
            <Col xs={12} md={8}>
              <Select
                style={{ width: '100%' }}
                aria-label={t('catalog.stateFilter')}
                value={state}
                onChange={(v) => s.set({ state: v === 'underReview' ? undefined : v })}
                options={STATES.map((x) => ({ value: x, label: x === 'all' ? t('catalog.stateAll') : <EntryStateTag state={x} /> }))}
              />
            </Col>
            <Col xs={12} md={8}>
              <Select
                style={{ width: '100%' }}
                aria-label={t('catalog.providerTypeFilter')}
                value={providerType ?? ''}
                onChange={(v) => s.set({ providerType: v || undefined })}
                options={[
                  { value: '', label: t('catalog.allProviderTypes') },
                  { value: 'leading_unit', label: tx(ORG_TYPE_LABELS.leading_unit) },
                  { value: 'catalog_provider', label: tx(ORG_TYPE_LABELS.catalog_provider) },
                ]}
              />
            </Col>
          </Row>
        </Card>
        {q.error ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<EntrySummary>
            rowKey="id"
            size="middle"
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 860 }}
            locale={{ emptyText: <Empty description={t('catalog.noEntries')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            pagination={{ current: s.page, pageSize: s.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, onChange: (page, pageSize) => s.set({ page, pageSize }) }}
            onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          />
        )}
      </Flex>
      <Space />
      <EntryDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
