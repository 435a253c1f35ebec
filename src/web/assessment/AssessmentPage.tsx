/**
 * /workbench/assessments/:id — the questionnaire of one assessment (self-diagnosis, institution diagnosis or
 * effect evaluation: the same instrument). Editable while it is the caller's draft; afterwards read-only with
 * the report links. Resumes exactly where it was left (answers from the server, section remembered).
 */
import { App as AntApp, Alert, Card, Flex, Grid, Result, Skeleton, Statistic, Typography } from 'antd';
import { FileTextOutlined, RollbackOutlined } from '@ant-design/icons';
import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useProject } from '../api/hooks';
import { ErrorState } from '../components/ErrorState';
import { LinkButton } from '../components/LinkButton';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../lib/format';
import { formatPoints, getCatalog, isCatalogVersion, levelName, type Catalog } from '../../core/assessment';
import { useLang } from '../i18n';
import { useAt } from './i18n';
import { useAssessment, type AssessmentDetail } from './api';
import { asDigitalLevel, toAnswers } from './model';
import { AnswersView } from './AnswersView';
import { Questionnaire } from './Questionnaire';
import { AssessmentStatusTag, LevelTag, PdfButton, useModeLabel } from './parts';
import './assessment.css';

function Header({ detail, catalog, links }: { detail: AssessmentDetail; catalog: Catalog; links: boolean }) {
  const at = useAt();
  const { tx } = useLang();
  const modeLabel = useModeLabel();
  const phone = !Grid.useBreakpoint().md;
  const project = useProject(detail.projectId).data;
  const projectTitle = project?.title ?? at('page.crumbProject');
  return (
    <PageHeader
      crumbs={[
        { title: projectTitle, to: `/workbench/projects/${detail.projectId}` },
        { title: modeLabel(detail.mode) },
      ]}
      title={modeLabel(detail.mode)}
      tag={<AssessmentStatusTag status={detail.status} />}
      subTitle={
        <>
          {project ? (
            <span className="as-subtitle-line">
              {/* The project title is in the breadcrumb already: phones show the enterprise only. */}
              {phone ? project.enterpriseName : at('page.subtitle', { enterprise: project.enterpriseName, project: project.title })}
            </span>
          ) : null}
          <span className="as-subtitle-line">{at('page.catalog', { catalog: tx(catalog.name) })}</span>
          {detail.mode !== 'self' && detail.filledBy ? <span className="as-subtitle-line">{at('page.filledBy', { name: detail.filledBy })}</span> : null}
        </>
      }
      extra={
        links && detail.abilities.report ? (
          <>
            <LinkButton to={`/workbench/assessments/${detail.id}/report`} type="primary" icon={<FileTextOutlined />}>
              {at('result.viewReport')}
            </LinkButton>
            <PdfButton assessmentId={detail.id} label={at('result.downloadPdf')} />
          </>
        ) : undefined
      }
    />
  );
}

/** After submitting: 提交成功, the level and the way on. */
function Submitted({ detail }: { detail: AssessmentDetail }) {
  const at = useAt();
  const { tx } = useLang();
  const modeLabel = useModeLabel();
  const base = formatPoints(detail.base ?? detail.live.base);
  return (
    <Card>
      <Result
        status="success"
        title={at('result.title')}
        subTitle={at('result.subtitle', { mode: modeLabel(detail.mode), level: tx(detail.live.levelName), base })}
        extra={
          <Flex gap={8} wrap justify="center">
            <LinkButton type="primary" to={`/workbench/assessments/${detail.id}/report`} icon={<FileTextOutlined />}>
              {at('result.viewReport')}
            </LinkButton>
            <PdfButton assessmentId={detail.id} label={at('result.downloadPdf')} />
            <LinkButton to={`/workbench/projects/${detail.projectId}`} icon={<RollbackOutlined />}>
              {at('result.backToProject')}
            </LinkButton>
          </Flex>
        }
      >
        <Flex gap={48} justify="center" align="flex-end" wrap data-testid="submitted-result">
          <Statistic title={at('live.base')} value={base} suffix={at('live.outOf', { max: 100 })} />
          <div>
            <div className="as-stat-title">{at('report.level')}</div>
            <LevelTag level={detail.level ?? detail.live.level} name={detail.live.levelName} large />
          </div>
        </Flex>
      </Result>
    </Card>
  );
}

function ReadOnly({ detail, catalog }: { detail: AssessmentDetail; catalog: Catalog }) {
  const at = useAt();
  const answers = useMemo(() => toAnswers(catalog, detail.answers), [catalog, detail.answers]);
  const submitted = detail.status === 'submitted';
  const level = detail.level ?? detail.live.level;
  return (
    <>
      {submitted ? (
        <Card size="small" title={at('readonly.resultTitle')} className="as-readonly-result">
          <Flex gap={40} align="flex-start" wrap>
            <Statistic title={at('live.base')} value={formatPoints(detail.base ?? detail.live.base)} suffix={at('live.outOf', { max: 100 })} />
            <div>
              <div className="as-stat-title">{at('report.level')}</div>
              <LevelTag level={level} name={levelName(catalog, asDigitalLevel(level))} large />
            </div>
            <div>
              <div className="as-stat-title">{at('readonly.submittedAt')}</div>
              <Typography.Text>{formatDateTime(detail.submittedAt)}</Typography.Text>
            </div>
            {detail.pledgedAt ? (
              <div>
                <div className="as-stat-title">{at('readonly.pledgedAt')}</div>
                <Typography.Text>{formatDateTime(detail.pledgedAt)}</Typography.Text>
              </div>
            ) : null}
          </Flex>
        </Card>
      ) : (
        <Alert type="info" showIcon title={at('readonly.notEditable')} style={{ marginBottom: 16 }} />
      )}
      <Typography.Title level={4} className="as-readonly-title">
        {at('readonly.title')}
      </Typography.Title>
      <AnswersView catalog={catalog} answers={answers} />
    </>
  );
}

export function AssessmentPage() {
  const { id } = useParams();
  const at = useAt();
  const { modal } = AntApp.useApp();
  const q = useAssessment(id);
  const [reloads, setReloads] = useState(0);
  const [submitted, setSubmitted] = useState<AssessmentDetail | null>(null);
  const { refetch } = q;

  const onConflict = useCallback(
    (code: 'CONFLICT' | 'ALREADY_SUBMITTED') => {
      void refetch().then(() => {
        setReloads((n) => n + 1);
        modal.warning({
          title: code === 'CONFLICT' ? at('save.conflictTitle') : at('save.submittedElsewhereTitle'),
          content: code === 'CONFLICT' ? at('save.conflictText') : at('save.submittedElsewhereText'),
        });
      });
    },
    [refetch, modal, at],
  );

  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const detail = q.data;
  if (!isCatalogVersion(detail.catalogVersion)) return <Result status="warning" title={at('page.loadFailed')} subTitle={detail.catalogVersion} />;
  const catalog = getCatalog(detail.catalogVersion);

  return (
    <div className="as-page">
      <Header detail={submitted ?? detail} catalog={catalog} links={!submitted} />
      {submitted ? (
        <Submitted detail={submitted} />
      ) : detail.status === 'draft' && detail.abilities.edit ? (
        <Questionnaire key={`${detail.id}:${reloads}`} detail={detail} catalog={catalog} onConflict={onConflict} onSubmitted={setSubmitted} />
      ) : (
        <ReadOnly detail={detail} catalog={catalog} />
      )}
    </div>
  );
}
