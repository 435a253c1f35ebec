/**
 * 拨付材料 (the town office): its town's projects awaiting payment, what paperwork is still missing, whether the
 * bank account is entered, the tranches waiting and how long; the upload itself is the project's materials
 * checklist (the town may upload the payment request form).
 */
import { Drawer, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataView } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { MaterialChecklist } from '../../components/materials/MaterialChecklist';
import { useLang } from '../../i18n';
import { formatDate } from '../../lib/format';
import { formatFenAsYuan } from '../../../core/money';
import { usePaymentPaperwork, type PaperworkRow } from './api';

/** As on the server (PAPERWORK_DUE_DAYS): after this many days in 待拨付 missing paperwork is overdue. */
const DUE_DAYS = 10;

function Missing({ row }: { row: PaperworkRow }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  if (row.missing.length === 0) return <Tag color="success">{t('money.paperworkAllThere')}</Tag>;
  return (
    <Space wrap size={4}>
      {row.missing.map((m) => (
        <Tag key={m.zh} color="error">
          {tx(m)}
        </Tag>
      ))}
      {row.overdue ? <Tag color="warning">{t('money.overdue', { days: DUE_DAYS })}</Tag> : null}
    </Space>
  );
}

export function PaymentPaperworkPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<PaperworkRow | null>(null);
  const q = usePaymentPaperwork(page, pageSize);
  const pending = (r: PaperworkRow) => (r.pendingTranches ? t('money.pendingAmount', { count: r.pendingTranches, amount: formatFenAsYuan(r.pendingFen) }) : t('money.noPending'));
  const account = (r: PaperworkRow) => (r.bankAccountOnFile ? <Tag color="success">{t('money.accountOnFile')}</Tag> : <Tag color="error">{t('money.accountMissing')}</Tag>);
  return (
    <div>
      <PageHeader title={t('money.menuPaymentPaperwork')} />
      <Typography.Paragraph type="secondary">{t('money.paperworkIntro')}</Typography.Paragraph>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<PaperworkRow>
          rows={q.data?.items ?? []}
          rowKey={(r) => r.projectId}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          onOpen={setOpen}
          empty={t('money.paperworkEmpty')}
          scrollX={960}
          columns={[
            {
              title: t('money.paperworkColProject'),
              key: 'project',
              render: (_v, r) => (
                <div>
                  <div>{r.enterpriseName}</div>
                  <Typography.Text type="secondary">
                    {r.filingNo ?? ''} · {r.projectTitle}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('money.paperworkColState'), key: 'state', width: 150, render: (_v, r) => <StatusTag state={r.state} label={r.stateLabel} /> },
            { title: t('money.paperworkColMissing'), key: 'missing', render: (_v, r) => <Missing row={r} /> },
            { title: t('money.paperworkColAccount'), key: 'account', width: 100, render: (_v, r) => account(r) },
            { title: t('money.paperworkColPending'), key: 'pending', width: 160, align: 'right', render: (_v, r) => pending(r) },
            { title: t('money.paperworkColSince'), key: 'since', width: 110, render: (_v, r) => formatDate(r.since) },
            {
              title: '',
              key: 'upload',
              width: 100,
              render: (_v, r) => (
                <Typography.Link
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpen(r);
                  }}
                >
                  {t('money.upload')}
                </Typography.Link>
              ),
            },
          ]}
          card={(r) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{r.enterpriseName}</Typography.Text>
                {account(r)}
              </Flex>
              <Missing row={r} />
              <Typography.Text type="secondary">
                {pending(r)} · {formatDate(r.since)}
              </Typography.Text>
            </Flex>
          )}
        />
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={620} title={open ? t('money.paperworkDrawer', { name: open.enterpriseName }) : ''} destroyOnHidden>
        {open ? (
          <Flex vertical gap={12}>
            <MaterialChecklist projectId={open.projectId} />
            <LinkButton to={`/workbench/projects/${open.projectId}`}>{t('money.openProject')}</LinkButton>
          </Flex>
        ) : null}
      </Drawer>
    </div>
  );
}
