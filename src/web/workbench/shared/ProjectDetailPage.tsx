import { App as AntApp, Button, Card, Form, Input, Modal, Skeleton, Tabs, Typography } from 'antd';
import { EditOutlined, EyeInvisibleOutlined } from '@ant-design/icons';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe, useProject, useWithdrawPublication } from '../../api/hooks';
import type { ProjectDetail } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader, type Crumb } from '../../components/PageHeader';
import { ProjectActions } from '../../components/ProjectActions';
import { NextStepPanel, ProjectFacts } from '../../components/ProjectPanels';
import { ProjectTimeline } from '../../components/ProjectTimeline';
import { StageSteps } from '../../components/StageSteps';
import { ReportCard } from '../../components/ReportCard';
import { RevisionsCard } from '../../components/RevisionsCard';
import { MaterialChecklist } from '../../components/materials/MaterialChecklist';
import { StageCards } from '../../components/stage/StageCards';

// Loaded on demand: the assessment module carries the indicator catalog and its engine.
const ProjectAssessmentsCard = lazy(() => import('../../assessment').then((m) => ({ default: m.ProjectAssessmentsCard })));
import { StatusTag } from '../../components/StatusTag';
import { ErrorDetails } from '../../components/ErrorDetails';
import { roleGroup } from '../../lib/roles';
import { justFiled } from '../../lib/actions';
import { LinkButton } from '../../components/LinkButton';

function WithdrawPublication({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useWithdrawPublication(project.id);
  return (
    <>
      <Button danger icon={<EyeInvisibleOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>
        {t('detail.withdrawPublication')}
      </Button>
      <Modal
        open={open}
        title={t('detail.withdrawTitle')}
        okText={t('detail.withdrawConfirm')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={withdraw.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={() => {
          void form.validateFields().then((v) =>
            withdraw.mutate(
              { reason: v.reason.trim() },
              {
                onSuccess: () => {
                  setOpen(false);
                  void message.success(t('detail.withdrawDone'));
                },
                onError: (e) => {
                  modal.error({ title: e instanceof ApiError ? e.message : t('errors.unknown'), content: <ErrorDetails error={e} />, okText: t('common.ok') });
                },
              },
            ),
          );
        }}
      >
        <Typography.Paragraph>{t('detail.withdrawExplain', { filingNo: project.filingNo ?? '' })}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('detail.reasonLabel')} rules={[{ required: true, whitespace: true, min: 2, message: t('detail.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('detail.withdrawPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * One project, for every role: stage, the caller's next step with its due date and the assigned institution,
 * what is missing, the actions the server allows, the institution reports, the filing's changes (bureau, town),
 * facts and history.
 */
export function ProjectDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const q = useProject(id);
  const group = roleGroup(me?.role ?? '');

  const crumbs: Crumb[] =
    group === 'enterprise'
      ? [{ title: t('menu.projectManagement') }, { title: t('menu.filing'), to: '/workbench/filing' }]
      : group === 'bureau'
        ? [{ title: t('menu.filingAdmin'), to: '/workbench/projects' }]
        : [{ title: t('menu.home'), to: '/workbench' }];

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  const owner = group === 'enterprise';
  /** The bureau and the town offices see a published filing's changes as a diff. */
  const seesRevisions = group === 'bureau' || group === 'town';

  return (
    <>
      <PageHeader
        crumbs={[...crumbs, { title: p.filingNo ?? p.title }]}
        title={p.title}
        tag={<StatusTag state={p.state} label={p.stateLabel} tone={p.stateInfo.tone} />}
        subTitle={p.filingNo ? `${t('common.labelValue', { label: t('project.filingNo'), value: p.filingNo })} · ${p.enterpriseName}` : p.enterpriseName}
        extra={
          <>
            {p.abilities.edit ? (
              <LinkButton to={`/workbench/projects/${p.id}/edit`} icon={<EditOutlined />} type={p.actions.some((a) => a.allowed) ? 'default' : 'primary'}>
                  {t('detail.editFiling')}
                </LinkButton>
            ) : null}
            <ProjectActions
              project={p}
              onDone={(_event, next) => {
                if (owner && justFiled(p, next)) void navigate(`/workbench/projects/${next.id}/submitted`);
              }}
            />
            {p.abilities.withdrawPublication ? <WithdrawPublication project={p} /> : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} title={t('detail.stepsTitle')}>
        <StageSteps stage={p.stage} state={p.state} tone={p.stateInfo.tone} />
      </Card>
      <NextStepPanel project={p} />
      <StageCards project={p} />
      <MaterialChecklist projectId={p.id} />
      <Suspense fallback={null}>
        <ProjectAssessmentsCard project={p} />
      </Suspense>
      <ReportCard projectId={p.id} />
      {seesRevisions ? <RevisionsCard projectId={p.id} /> : null}
      <Card size="small">
        <Tabs
          items={[
            { key: 'facts', label: t('detail.facts'), children: <ProjectFacts project={p} /> },
            ...(p.abilities.viewTimeline ? [{ key: 'timeline', label: t('detail.timeline'), children: <ProjectTimeline projectId={p.id} /> }] : []),
          ]}
        />
      </Card>
    </>
  );
}
