import { Card, Col, Empty, Flex, Row, Segmented, Skeleton, Steps, Typography } from 'antd';
import { EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useProject, useProjects } from '../../api/hooks';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { ProjectActions } from '../../components/ProjectActions';
import { NextStepPanel } from '../../components/ProjectPanels';
import { ProjectTimeline } from '../../components/ProjectTimeline';
import { StageSteps } from '../../components/StageSteps';
import { StatusTag } from '../../components/StatusTag';
import { STAGE_NUMBERS } from '../../lib/stages';
import { yuanText } from '../../lib/money';
import { justFiled } from '../../lib/actions';
import { LinkButton } from '../../components/LinkButton';

// Loaded on demand: the assessment module carries the indicator catalog and its engine.
const ProjectAssessmentsCard = lazy(() => import('../../assessment').then((m) => ({ default: m.ProjectAssessmentsCard })));

function ProjectOverview({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useProject(id);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  const anyAllowed = p.actions.some((a) => a.allowed);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          title={
            <Flex gap={8} align="center" wrap>
              <span>{p.title}</span>
              <StatusTag state={p.state} label={p.stateLabel} />
            </Flex>
          }
          extra={
            <Link to={`/workbench/projects/${p.id}`}>
              {t('common.viewDetails')} <RightOutlined />
            </Link>
          }
        >
          <Typography.Paragraph type="secondary">
            {p.filingNo ? t('common.labelValue', { label: t('project.filingNo'), value: p.filingNo }) : t('project.noFilingNo')}
            {' · '}
            {t('common.labelValue', { label: t('project.plannedInvestment'), value: yuanText(p.plannedInvestmentFen, t('common.yuan')) })}
          </Typography.Paragraph>
          <div style={{ marginBottom: 16 }}>
            <StageSteps stage={p.stage} state={p.state} />
          </div>
          <NextStepPanel project={p} audience="owner" />
          <Suspense fallback={null}>
            <div style={{ marginBottom: 12 }}>
              <ProjectAssessmentsCard project={p} />
            </div>
          </Suspense>
          <Flex gap={8} wrap>
            {p.abilities.edit ? (
              <LinkButton to={`/workbench/projects/${p.id}/edit`} type={anyAllowed ? 'default' : 'primary'} icon={<EditOutlined />} size="large">
                  {t('detail.editFiling')}
                </LinkButton>
            ) : null}
            <ProjectActions
              project={p}
              onDone={(_event, next) => {
                if (justFiled(p, next)) void navigate(`/workbench/projects/${next.id}/submitted`);
              }}
            />
          </Flex>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card
          title={t('home.recentTimeline')}
          extra={
            <Link to={`/workbench/projects/${p.id}`}>
              {t('home.allHistory')} <RightOutlined />
            </Link>
          }
        >
          <ProjectTimeline projectId={p.id} limit={5} />
        </Card>
      </Col>
    </Row>
  );
}

/** The enterprise's home: where my project stands, what is missing, the one next action, recent history. */
export function EnterpriseHome() {
  const { t } = useTranslation();
  const me = useMe().data;
  const q = useProjects({ page: 1, pageSize: 50 });
  const [picked, setPicked] = useState<string | null>(null);

  const header = <PageHeader title={t('home.title')} subTitle={t('home.welcome', { name: me?.user.name ?? '', org: me?.org.name ?? '' })} />;
  if (q.isPending) return (<>{header}<Skeleton active paragraph={{ rows: 8 }} /></>);
  if (q.isError) return (<>{header}<ErrorState error={q.error} onRetry={() => void q.refetch()} /></>);
  const items = [...q.data.items].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));

  if (items.length === 0) {
    return (
      <>
        {header}
        <Card>
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                <Typography.Title level={4}>{t('home.noProjectTitle')}</Typography.Title>
                <Typography.Paragraph type="secondary">{t('home.noProjectText')}</Typography.Paragraph>
              </>
            }
          >
            <LinkButton to="/workbench/filing" type="primary" size="large" icon={<PlusOutlined />}>
                {t('home.startFiling')}
              </LinkButton>
          </Empty>
        </Card>
        <Card title={t('home.eightSteps')} style={{ marginTop: 16 }}>
          <Steps
            size="small"
            current={-1}
            orientation="vertical"
            items={STAGE_NUMBERS.map((n) => ({ title: t(`stages.s${n}.name`), content: t(`stages.s${n}.goal`) }))}
          />
        </Card>
      </>
    );
  }

  const current = items.find((p) => p.id === picked) ?? items[0];
  return (
    <>
      {header}
      {items.length > 1 ? (
        <div style={{ marginBottom: 16, overflowX: 'auto' }}>
          <Segmented
            value={current?.id}
            onChange={(v) => setPicked(String(v))}
            options={items.map((p) => ({ value: p.id, label: p.filingNo ?? p.title }))}
          />
        </div>
      ) : null}
      {current ? <ProjectOverview id={current.id} /> : null}
    </>
  );
}
