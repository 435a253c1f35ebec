import { Card, Collapse, Descriptions, Flex, Grid, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useProjectReports } from '../api/hooks';
import type { ProjectReport } from '../api/types';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';
import { DIGITAL_LEVEL_LABELS, type DigitalLevel } from '../../core/workflow/context';
import { ErrorState } from './ErrorState';
import { StatusTag } from './StatusTag';
import { WRAP } from './ProjectPanels';
import { reportPdfHref, reportsByKind } from './projectView';

function levelText(n: number | null | undefined, tx: (t: { zh: string; en: string }) => string): string | null {
  return n === 0 || n === 1 || n === 2 || n === 3 || n === 4 ? tx(DIGITAL_LEVEL_LABELS[n as DigitalLevel]) : null;
}

function PdfLink({ r }: { r: ProjectReport }) {
  const { t } = useTranslation();
  if (!r.data.materialId) return null;
  return (
    <a href={reportPdfHref(r.data.materialId)} target="_blank" rel="noreferrer" data-testid="report-pdf">
      <FilePdfOutlined /> {t('workflow.report.pdf')}
      {r.data.fileName ? <Typography.Text type="secondary"> （{r.data.fileName}）</Typography.Text> : null}
    </a>
  );
}

function OneReport({ kind, list }: { kind: string; list: ProjectReport[] }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const phone = !Grid.useBreakpoint().md;
  const [latest, ...earlier] = list;
  if (!latest) return null;
  // An evaluation report carries the level after, its conclusion and gaps (the card EvaluationHistoryCard lists every attempt).
  const evaluation = kind === 'evaluation';
  const ev = latest.data as ProjectReport['data'] & { levelAfter?: number | null; summary?: string | null; gaps?: string | null };
  const level = levelText(evaluation ? ev.levelAfter : latest.data.levelBefore, tx);
  const para = (s: string | null | undefined) => (s ? <Typography.Paragraph style={{ ...WRAP, marginBottom: 0 }}>{s}</Typography.Paragraph> : '—');
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`report-card-${kind}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{kind === 'evaluation' ? t('workflow.report.titleEvaluation') : t('workflow.report.title')}</span>
          <StatusTag state={latest.state} label={latest.stateLabel} />
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('workflow.report.version', { n: latest.version })}
          </Typography.Text>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        bordered
        layout={phone ? 'vertical' : 'horizontal'}
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' }, content: { ...WRAP, minWidth: 0 } }}
        items={[
          { key: 'inst', label: t('workflow.report.institution'), children: latest.institutionName ?? '—' },
          { key: 'level', label: t('workflow.report.level'), children: level ?? '—' },
          { key: 'submitted', label: t('workflow.report.submittedAt'), children: latest.data.submittedAt ? formatDateTime(latest.data.submittedAt) : '—' },
          { key: 'confirmed', label: t('workflow.report.confirmedAt'), children: latest.data.confirmedAt ? formatDateTime(latest.data.confirmedAt) : '—' },
          ...(evaluation
            ? [
                { key: 'summary', label: t('evaluation.history.summary'), span: 'filled' as const, children: para(ev.summary) },
                { key: 'gaps', label: t('evaluation.history.gaps'), span: 'filled' as const, children: para(ev.gaps) },
              ]
            : [
                { key: 'pain', label: t('workflow.report.painPoints'), span: 'filled' as const, children: para(latest.data.painPoints) },
                { key: 'rec', label: t('workflow.report.recommendations'), span: 'filled' as const, children: para(latest.data.recommendations) },
              ]),
        ]}
      />
      {latest.data.disputeReason ? (
        <Typography.Paragraph type="warning" style={{ ...WRAP, margin: '8px 0 0' }}>
          {t('workflow.report.disputeReason', { reason: latest.data.disputeReason })}
        </Typography.Paragraph>
      ) : null}
      <div style={{ marginTop: 8 }}>
        <PdfLink r={latest} />
      </div>
      {earlier.length > 0 ? (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 8, marginInline: -12 }}
          items={[
            {
              key: 'earlier',
              label: `${t('workflow.report.earlier')}（${earlier.length}）`,
              children: (
                <Flex vertical gap={8} data-testid="report-earlier">
                  {earlier.map((r) => (
                    <div key={r.id}>
                      <Flex gap={8} align="center" wrap>
                        <Typography.Text strong>{t('workflow.report.version', { n: r.version })}</Typography.Text>
                        <StatusTag state={r.state} label={r.stateLabel} />
                        {r.data.submittedAt ? <Typography.Text type="secondary">{formatDateTime(r.data.submittedAt)}</Typography.Text> : null}
                      </Flex>
                      <Typography.Paragraph style={{ ...WRAP, margin: '4px 0' }}>
                        {r.data.disputeReason ? t('workflow.report.disputeReason', { reason: r.data.disputeReason }) : t('workflow.report.noDispute')}
                      </Typography.Paragraph>
                      <PdfLink r={r} />
                    </div>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

/**
 * The project's institution reports (diagnosis; evaluation once there is one): the latest version's summary
 * (level before, pain points, recommendations), its PDF, and the earlier versions with the enterprise's
 * objections. Renders nothing while there is none (or the caller may not see them).
 */
export function ReportCard({ projectId }: { projectId: string }) {
  const q = useProjectReports(projectId);
  if (q.isPending) return null;
  if (q.isError) {
    if (q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404)) return null;
    return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  }
  const byKind = reportsByKind(q.data);
  if (byKind.size === 0) return null;
  const kinds = [...byKind.keys()].sort((a, b) => (a === 'diagnosis' ? -1 : b === 'diagnosis' ? 1 : a.localeCompare(b)));
  return (
    <>
      {kinds.map((k) => (
        <OneReport key={k} kind={k} list={byKind.get(k) ?? []} />
      ))}
    </>
  );
}
