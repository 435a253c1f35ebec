/** 预奖补: candidates (contracted, implementation under way), the verified down-payment, the suggestion in words, the approval. */
import { Alert, App, Button, Flex, Input, Modal, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseYuanToFen } from '../../../core/money';
import { DataView } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { StatusTag } from '../../components/StatusTag';
import { useRefLookup } from '../../api/hooks';
import { useLang } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useGrantPre, usePreCandidates, usePreGrants, usePreSuggestion, type PreCandidate, type PreGrant, type PreRule } from './api';
import { PoolSelect, Steps, useMoneyText } from './shared';

function share(bp: number): string {
  return (bp / 100).toFixed(2).replace(/\.?0+$/, '');
}

export function PreSubsidyPanel() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const money = useMoneyText();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [grantsPage, setGrantsPage] = useState({ page: 1, pageSize: 10 });
  const [open, setOpen] = useState<PreCandidate | null>(null);
  const q = usePreCandidates(page);
  const grants = usePreGrants(grantsPage);
  const rule: PreRule | null | undefined = q.data?.rule;
  const ruleText = rule === undefined ? null : rule === null ? t('benchmarks.preRuleNone') : !rule.enabled ? t('benchmarks.preRuleDisabled') : t('benchmarks.preRule', { share: share(rule.shareBp), cap: money(rule.capFen), trigger: rule.trigger === 'downPayment' ? t('benchmarks.triggerDownPayment') : t('benchmarks.triggerContract') });
  const columns: TableColumnsType<PreCandidate> = [
    { title: t('benchmarks.colEnterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('benchmarks.colProject'), dataIndex: 'title', ellipsis: true },
    { title: t('benchmarks.colTown'), dataIndex: 'townCode', width: 110, render: (v: string) => lookup.town(v) },
    { title: t('benchmarks.projectState'), key: 'state', width: 150, render: (_, r) => tx(r.stateLabel) },
    { title: t('benchmarks.colContract'), key: 'contract', width: 150, render: (_, r) => money(r.contractFen) },
    {
      title: '',
      key: 'act',
      width: 130,
      render: (_, r) => (
        <Button size="small" type="primary" disabled={!rule?.enabled} onClick={() => setOpen(r)}>
          {t('benchmarks.grant')}
        </Button>
      ),
    },
  ];
  const grantColumns: TableColumnsType<PreGrant> = [
    { title: t('benchmarks.colEnterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('benchmarks.colDownPayment'), key: 'dp', width: 140, render: (_, r) => money(r.downPaymentFen) },
    { title: t('benchmarks.colSuggested'), key: 'sg', width: 140, render: (_, r) => money(r.suggestedFen) },
    { title: t('benchmarks.colApproved'), key: 'am', width: 140, render: (_, r) => money(r.amountFen) },
    { title: t('benchmarks.colPool'), dataIndex: 'poolName', ellipsis: true },
    { title: t('benchmarks.colTrancheState'), key: 'st', width: 120, render: (_, r) => <StatusTag state={r.state} label={r.stateLabel} /> },
    { title: t('benchmarks.colGrantedAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => formatDate(v) },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('benchmarks.preIntro')}
      </Typography.Paragraph>
      {ruleText ? <Alert type={rule?.enabled ? 'info' : 'warning'} showIcon title={ruleText} /> : null}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('benchmarks.preCandidates')}
      </Typography.Title>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView
          rows={q.data?.items ?? []}
          rowKey={(r) => r.projectId}
          columns={columns}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
          card={(r) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{r.enterpriseName}</Typography.Text>
              <Typography.Text type="secondary">{r.title}</Typography.Text>
              <Typography.Text>
                {tx(r.stateLabel)} · {t('benchmarks.colContract')} {money(r.contractFen)}
              </Typography.Text>
              <Button type="primary" disabled={!rule?.enabled} onClick={() => setOpen(r)}>
                {t('benchmarks.grant')}
              </Button>
            </Flex>
          )}
        />
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('benchmarks.preGranted')}
      </Typography.Title>
      <DataView
        rows={grants.data?.items ?? []}
        rowKey={(r) => r.trancheId}
        columns={grantColumns}
        loading={grants.isFetching}
        total={grants.data?.total ?? 0}
        page={grantsPage.page}
        pageSize={grantsPage.pageSize}
        onPage={(p, s) => setGrantsPage({ page: p, pageSize: s })}
        card={(r) => (
          <Flex vertical gap={4}>
            <Flex justify="space-between">
              <Typography.Text strong>{r.enterpriseName}</Typography.Text>
              <StatusTag state={r.state} label={r.stateLabel} />
            </Flex>
            <Typography.Text>
              {t('benchmarks.colApproved')} {money(r.amountFen)} · {r.poolName}
            </Typography.Text>
          </Flex>
        )}
      />
      {open ? <GrantDialog candidate={open} onClose={() => setOpen(null)} /> : null}
    </Flex>
  );
}

function GrantDialog({ candidate, onClose }: { candidate: PreCandidate; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = App.useApp();
  const money = useMoneyText();
  const grant = useGrantPre();
  const [down, setDown] = useState('');
  const [approved, setApproved] = useState('');
  const [poolId, setPool] = useState<string | undefined>();
  const downParsed = down.trim() === '' ? null : parseYuanToFen(down);
  const downFen = downParsed?.ok ? downParsed.fen : null;
  const suggestion = usePreSuggestion(candidate.projectId, downFen);
  const approvedParsed = approved.trim() === '' ? null : parseYuanToFen(approved);
  const approvedFen = approvedParsed?.ok ? approvedParsed.fen : null;
  const suggested = suggestion.data?.suggestedFen ?? null;
  const tooMuch = approvedFen !== null && suggested !== null && approvedFen > suggested;
  return (
    <Modal
      open
      title={t('benchmarks.grantTitle', { name: candidate.enterpriseName })}
      onCancel={onClose}
      okText={t('benchmarks.grant')}
      okButtonProps={{ disabled: downFen === null || approvedFen === null || approvedFen <= 0 || !poolId || tooMuch || suggested === null, loading: grant.isPending }}
      onOk={() =>
        grant.mutate(
          { projectId: candidate.projectId, downPaymentFen: downFen ?? 0, approvedFen: approvedFen ?? 0, poolId: poolId ?? '' },
          { onSuccess: () => { void message.success(t('benchmarks.granted')); onClose(); }, onError: (e) => void message.error(e.message) },
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {t('benchmarks.colContract')}：{money(candidate.contractFen)}
        </Typography.Text>
        <label>
          {t('benchmarks.downPayment')}
          <Input inputMode="decimal" aria-label={t('benchmarks.downPayment')} value={down} onChange={(e) => setDown(e.target.value)} status={downParsed && !downParsed.ok ? 'error' : undefined} />
        </label>
        {downParsed && !downParsed.ok ? <Typography.Text type="danger">{tx(downParsed.message)}</Typography.Text> : null}
        {suggestion.isError ? <Alert type="error" showIcon title={suggestion.error.message} /> : null}
        {suggestion.data ? (
          <div>
            <Typography.Text strong>
              {t('benchmarks.suggested')}：{money(suggestion.data.suggestedFen)}
            </Typography.Text>
            <Steps steps={suggestion.data.steps} />
          </div>
        ) : null}
        <label>
          {t('benchmarks.approvedYuan')}
          <Input inputMode="decimal" aria-label={t('benchmarks.approvedYuan')} value={approved} onChange={(e) => setApproved(e.target.value)} status={(approvedParsed && !approvedParsed.ok) || tooMuch ? 'error' : undefined} />
        </label>
        {approvedParsed && !approvedParsed.ok ? <Typography.Text type="danger">{tx(approvedParsed.message)}</Typography.Text> : null}
        {tooMuch ? <Typography.Text type="danger">{t('benchmarks.aboveSuggestion')}</Typography.Text> : null}
        <PoolSelect value={poolId} onChange={setPool} />
      </Flex>
    </Modal>
  );
}
