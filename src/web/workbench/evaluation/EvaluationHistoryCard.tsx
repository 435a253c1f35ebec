import { Alert, Card, Descriptions, Flex, Grid, Statistic, Tag, Typography } from 'antd';
import { ArrowRightOutlined, FilePdfOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useEvaluationHistory, type EvaluationAttempt } from '../../api/evaluation';
import type { ProjectDetail } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { WRAP } from '../../components/ProjectPanels';
import { reportPdfHref } from '../../components/projectView';
import { useLang } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { DIGITAL_LEVEL_LABELS, type DigitalLevel } from '../../../core/workflow/context';

function useLevelText() {
  const { tx } = useLang();
  return (n: number | null | undefined): string | null => (n === 0 || n === 1 || n === 2 || n === 3 || n === 4 ? tx(DIGITAL_LEVEL_LABELS[n as DigitalLevel]) : null);
}

function Attempt({ a }: { a: EvaluationAttempt }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const levelText = useLevelText();
  const para = (s: string | null) => (s ? <Typography.Paragraph style={{ ...WRAP, marginBottom: 0 }}>{s}</Typography.Paragraph> : '—');
  const verdict = a.confirmed ? (
    a.passed ? (
      <Tag color="green">{t('evaluation.history.passed')}</Tag>
    ) : (
      <Tag color="orange">{t('evaluation.history.failed')}</Tag>
    )
  ) : (
    <Tag color="blue">{a.state === 'uploaded' ? t('evaluation.history.unconfirmed') : t('evaluation.history.inProgress')}</Tag>
  );
  return (
    <Card
      size="small"
      type="inner"
      data-testid="evaluation-attempt"
      data-level={a.level ?? undefined}
      data-confirmed={a.confirmed ? 'true' : 'false'}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('evaluation.history.attempt', { n: a.n })}</span>
          {verdict}
          {a.level !== null ? <Tag>{levelText(a.level)}</Tag> : null}
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
          { key: 'inst', label: t('evaluation.history.institution'), children: a.institution?.name ?? '—' },
          { key: 'level', label: t('evaluation.history.level'), children: levelText(a.level) ?? '—' },
          { key: 'declared', label: t('evaluation.history.declaredAt'), children: a.declaredAt ? formatDateTime(a.declaredAt) : '—' },
          { key: 'submitted', label: t('evaluation.history.submittedAt'), children: a.submittedAt ? formatDateTime(a.submittedAt) : '—' },
          { key: 'confirmed', label: t('evaluation.history.confirmedAt'), children: a.confirmedAt ? formatDateTime(a.confirmedAt) : '—' },
          { key: 'versions', label: t('evaluation.history.versions', { count: a.versions }), children: a.materialId !== null ? <PdfLink id={a.materialId} name={a.fileName} /> : '—' },
          { key: 'summary', label: t('evaluation.history.summary'), span: 'filled', children: para(a.summary) },
          ...(a.gaps ? [{ key: 'gaps', label: t('evaluation.history.gaps'), span: 'filled' as const, children: para(a.gaps) }] : []),
          ...(a.disputes.length > 0
            ? [
                {
                  key: 'disputes',
                  label: t('evaluation.history.disputes'),
                  span: 'filled' as const,
                  children: (
                    <Flex vertical gap={4}>
                      {a.disputes.map((d) => (
                        <Typography.Text key={d.version} type="warning" style={WRAP}>
                          {t('evaluation.history.dispute', { version: d.version, reason: d.reason })}
                          {d.at ? <Typography.Text type="secondary"> （{formatDateTime(d.at)}）</Typography.Text> : null}
                        </Typography.Text>
                      ))}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function PdfLink({ id, name }: { id: number; name: string | null }) {
  const { t } = useTranslation();
  return (
    <a href={reportPdfHref(String(id))} target="_blank" rel="noreferrer">
      <FilePdfOutlined /> {t('evaluation.history.pdf')}
      {name ? <Typography.Text type="secondary"> （{name}）</Typography.Text> : null}
    </a>
  );
}

/**
 * 成效评估记录 on the project page (stage 6 on): the level before (diagnosis) and after (the latest confirmed
 * evaluation), every attempt with its institution, dates, level, conclusion, gaps and objections, the attempt
 * under way, and the benchmark recommendations. Nothing before stage 6, or when the caller may not see the case.
 */
export function EvaluationHistoryCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const levelText = useLevelText();
  const stage = project.stateInfo.stage ?? project.stage;
  const q = useEvaluationHistory(project.id, stage >= 6);
  if (stage < 6 || q.isPending) return null;
  if (q.isError) {
    if (q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404)) return null;
    return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  }
  const h = q.data;
  const attempts = [...h.attempts].reverse();
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="evaluation-history"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('evaluation.history.title')}</span>
          {h.pilotEnterpriseAt ? (
            <Tag color="gold" icon={<TrophyOutlined />} data-testid="pilot-enterprise">
              {t('evaluation.history.pilot', { date: formatDate(h.pilotEnterpriseAt) })}
            </Tag>
          ) : null}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('evaluation.history.intro')}
      </Typography.Paragraph>
      <Flex gap={24} align="center" wrap style={{ marginBottom: 12 }} data-testid="evaluation-before-after">
        <Statistic title={t('evaluation.history.before')} value={levelText(h.levelBefore) ?? t('evaluation.history.noLevel')} />
        <ArrowRightOutlined aria-hidden style={{ color: '#8c8c8c' }} />
        <Statistic title={t('evaluation.history.after')} value={levelText(h.levelAfter) ?? t('evaluation.history.noLevel')} />
      </Flex>
      {h.pending ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="evaluation-pending"
          title={t('evaluation.history.pending', { state: tx(h.pending.stateLabel) })}
          description={
            <Flex vertical gap={2}>
              {h.pending.institution ? <span>{t('evaluation.history.pendingInstitution', { name: h.pending.institution.name })}</span> : null}
              <span>{h.pending.declaredAt ? `${t('evaluation.history.declaredAt')}：${formatDateTime(h.pending.declaredAt)}` : t('evaluation.history.notDeclared')}</span>
            </Flex>
          }
        />
      ) : null}
      {attempts.length === 0 && !h.pending ? <Typography.Text type="secondary">{t('evaluation.history.none')}</Typography.Text> : null}
      <Flex vertical gap={12}>
        {attempts.map((a) => (
          <Attempt key={a.n} a={a} />
        ))}
      </Flex>
      {h.benchmarks.length > 0 ? (
        <div style={{ marginTop: 12 }} data-testid="evaluation-benchmarks">
          <Typography.Text strong>{t('evaluation.history.benchmarks')}</Typography.Text>
          <Flex vertical gap={6} style={{ marginTop: 6 }}>
            {h.benchmarks.map((b) => (
              <div key={b.id}>
                <Tag color="purple">{b.kind === 'smart' ? t('evaluation.history.benchmarkSmart') : t('evaluation.history.benchmarkWorkshop')}</Tag>
                <Typography.Text type="secondary">{t('evaluation.history.benchmarkBy', { institution: b.institutionName, date: formatDate(b.createdAt) })}</Typography.Text>
                <Typography.Paragraph style={{ ...WRAP, margin: '4px 0 0' }}>{b.reasons}</Typography.Paragraph>
              </div>
            ))}
          </Flex>
        </div>
      ) : null}
    </Card>
  );
}
