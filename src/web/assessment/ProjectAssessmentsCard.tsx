/**
 * For the project detail page: the project's assessments the caller may see (own drafts, submitted ones),
 * with links to the answers, the report and the PDF, and the start / continue button when the caller may
 * fill one now. Renders nothing while there is nothing to show or do.
 */
import { Alert, Card, Flex, Grid, Skeleton, Table, Typography } from 'antd';
import { EditOutlined, FormOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { ProjectDetail } from '../api/types';
import { ErrorState } from '../components/ErrorState';
import { LinkButton } from '../components/LinkButton';
import { formatDateTime } from '../lib/format';
import { formatPoints, getCatalog, isCatalogVersion, levelName } from '../../core/assessment';
import { useAt } from './i18n';
import { reportPdfUrl, useProjectAssessments, type AssessmentSummary } from './api';
import { asDigitalLevel, fillableMode } from './model';
import { AssessmentStatusTag, LevelTag, useModeLabel } from './parts';
import './assessment.css';

function LevelCell({ a }: { a: AssessmentSummary }) {
  if (a.level === null || !isCatalogVersion(a.catalogVersion)) return <>—</>;
  return <LevelTag level={a.level} name={levelName(getCatalog(a.catalogVersion), asDigitalLevel(a.level))} />;
}

function Actions({ a }: { a: AssessmentSummary }) {
  const at = useAt();
  return (
    <Flex gap={4} wrap>
      <Link to={`/workbench/assessments/${a.id}`}>{a.status === 'draft' ? at('card.fill') : at('card.open')}</Link>
      {a.status === 'submitted' ? (
        <>
          <Typography.Text type="secondary">·</Typography.Text>
          <Link to={`/workbench/assessments/${a.id}/report`}>{at('card.report')}</Link>
          <Typography.Text type="secondary">·</Typography.Text>
          <a href={reportPdfUrl(a.id)} download>
            {at('card.pdf')}
          </a>
        </>
      ) : null}
    </Flex>
  );
}

export function ProjectAssessmentsCard({ project }: { project: Pick<ProjectDetail, 'id' | 'state' | 'fillableAssessment'> }) {
  const at = useAt();
  const modeLabel = useModeLabel();
  const screens = Grid.useBreakpoint();
  const q = useProjectAssessments(project.id);
  const mode = fillableMode(project);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const list = q.data;
  if (list.length === 0 && !mode) return null;

  const draft = mode ? list.find((a) => a.mode === mode && a.status === 'draft') : undefined;
  const hint = mode === 'self' ? at('card.selfHint') : mode === 'institution' ? at('card.institutionHint') : mode === 'evaluation' ? at('card.evaluationHint') : null;
  const startButton = mode ? (
    <LinkButton
      type="primary"
      icon={draft ? <EditOutlined /> : <FormOutlined />}
      to={draft ? `/workbench/assessments/${draft.id}` : `/workbench/projects/${project.id}/assessment/${mode}`}
      data-testid="assessment-start"
    >
      {draft ? at('card.continue', { mode: modeLabel(mode) }) : at('card.start', { mode: modeLabel(mode) })}
    </LinkButton>
  ) : null;
  const time = (a: AssessmentSummary) =>
    a.submittedAt ? at('card.submittedAt', { time: formatDateTime(a.submittedAt) }) : at('card.updatedAt', { time: formatDateTime(a.updatedAt) });

  return (
    <Card size="small" title={at('card.title')} extra={screens.sm ? startButton : null} className="as-project-card" data-testid="project-assessments">
      {hint ? <Alert type="info" showIcon title={hint} style={{ marginBottom: list.length > 0 ? 12 : 0 }} /> : null}
      {!screens.sm && startButton ? <div style={{ margin: '12px 0' }}>{startButton}</div> : null}
      {list.length === 0 ? null : screens.md ? (
        <Table<AssessmentSummary>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={list}
          columns={[
            { key: 'mode', title: at('card.colMode'), render: (_, a) => modeLabel(a.mode) },
            { key: 'status', title: at('card.colStatus'), render: (_, a) => <AssessmentStatusTag status={a.status} /> },
            { key: 'base', title: at('card.colBase'), align: 'right', render: (_, a) => (a.base === null ? '—' : formatPoints(a.base)) },
            { key: 'level', title: at('card.colLevel'), render: (_, a) => <LevelCell a={a} /> },
            { key: 'by', title: at('card.colFilledBy'), dataIndex: 'filledBy' },
            { key: 'time', title: at('card.colTime'), render: (_, a) => time(a) },
            { key: 'actions', title: at('card.colActions'), render: (_, a) => <Actions a={a} /> },
          ]}
        />
      ) : (
        <ul className="as-card-list">
          {list.map((a) => (
            <li key={a.id}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Typography.Text strong>{modeLabel(a.mode)}</Typography.Text>
                <Flex gap={4}>
                  <AssessmentStatusTag status={a.status} />
                  <LevelCell a={a} />
                </Flex>
              </Flex>
              <Typography.Text type="secondary" className="as-small">
                {a.base === null ? '' : `${at('card.colBase')} ${formatPoints(a.base)} · `}
                {time(a)}
              </Typography.Text>
              <Actions a={a} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
