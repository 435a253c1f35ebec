import { Alert, Card, Descriptions, Empty, Flex, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProject, useProjects, useRefLookup } from '../../api/hooks';
import type { ProjectDetail } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { roleText } from '../../components/ProjectPanels';
import { StatusTag } from '../../components/StatusTag';
import { useLang } from '../../i18n';
import { asStage } from '../../lib/stages';
import { LinkButton } from '../../components/LinkButton';
import { ProjectAssessmentsCard } from '../../assessment';

/** What the diagnosis stage means for this project right now — stated honestly, not a fake form. */
function DiagnosisCard({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const self = p.diagnosisMode === 'self';
  let status: { type: 'info' | 'success' | 'warning'; title: string; text: string };
  const tone = lookup.state(p.state)?.tone;
  if (tone === 'rejected') {
    status = { type: 'warning', title: tx(p.stateLabel), text: tx(p.stateInfo.applicantHint) };
  } else if (p.stage < 2) {
    status = { type: 'warning', title: t('diagnosis.beforeTitle'), text: t('diagnosis.beforeText') };
  } else if (p.stage === 2) {
    status = self
      ? { type: 'info', title: t('diagnosis.selfNowTitle'), text: t('diagnosis.selfNowText') }
      : { type: 'info', title: t('diagnosis.instNowTitle'), text: t('diagnosis.instNowText') };
  } else {
    status = { type: 'success', title: t('diagnosis.doneTitle'), text: t('diagnosis.doneText') };
  }
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <span>{p.title}</span>
          <StatusTag state={p.state} label={p.stateLabel} />
        </Flex>
      }
      extra={<Link to={`/workbench/projects/${p.id}`}>{t('common.viewDetails')}</Link>}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'no', label: t('project.filingNo'), children: p.filingNo ?? t('project.noFilingNo') },
          { key: 'mode', label: t('project.diagnosisMode'), children: self ? t('diagnosisMode.self') : t('diagnosisMode.institution') },
          { key: 'stage', label: t('project.stage'), children: `${p.stage}. ${lookup.stageLabel(p.stage) || t(`stages.s${asStage(p.stage)}.name`)}` },
          { key: 'state', label: t('project.state'), children: tx(p.stateLabel) },
          ...(p.stateInfo.applicantHint ? [{ key: 'hint', label: t('diagnosis.platformHint'), span: 'filled' as const, children: tx(p.stateInfo.applicantHint) }] : []),
          ...(p.stateInfo.waitingOn.length > 0
            ? [{ key: 'wait', label: t('diagnosis.waitingOn'), span: 'filled' as const, children: p.stateInfo.waitingOn.map((r) => roleText(r, tx)).join('、') }]
            : []),
        ]}
      />
      <Alert type={status.type} showIcon title={status.title} description={status.text} style={{ marginTop: 12 }} />
      <div style={{ marginTop: 12 }}>
        <ProjectAssessmentsCard project={p} />
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {self ? t('diagnosis.selfAboutTitle') : t('diagnosis.instAboutTitle')}
      </Typography.Title>
      <Typography.Paragraph>{self ? t('diagnosisMode.selfExplain') : t('diagnosisMode.institutionExplain')}</Typography.Paragraph>
      {!self ? (
        <>
          <Typography.Text strong>{t('diagnosis.evidenceTitle')}</Typography.Text>
          <ul style={{ paddingInlineStart: 20 }}>
            {(['evidence1', 'evidence2', 'evidence3', 'evidence4'] as const).map((k) => (
              <li key={k}>{t(`diagnosis.${k}`)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {!self ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('diagnosis.institutionsList')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function DiagnosisFor({ id }: { id: string }) {
  const q = useProject(id);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <DiagnosisCard p={q.data} />;
}

export function DiagnosisStatus() {
  const { t } = useTranslation();
  const q = useProjects({ page: 1, pageSize: 50 });
  const header = <PageHeader crumbs={[{ title: t('menu.projectManagement') }, { title: t('menu.diagnosis') }]} title={t('menu.diagnosis')} subTitle={t('diagnosis.intro')} />;
  if (q.isPending) return (<>{header}<Skeleton active /></>);
  if (q.isError) return (<>{header}<ErrorState error={q.error} onRetry={() => void q.refetch()} /></>);
  if (q.data.items.length === 0) {
    return (
      <>
        {header}
        <Card>
          <Empty description={t('diagnosis.noProject')}>
            <LinkButton to="/workbench/filing" type="primary">{t('home.startFiling')}</LinkButton>
          </Empty>
        </Card>
      </>
    );
  }
  return (
    <>
      {header}
      <Flex vertical gap={16}>
        {q.data.items.map((p) => (
          <DiagnosisFor key={p.id} id={p.id} />
        ))}
      </Flex>
    </>
  );
}
