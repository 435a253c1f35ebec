import { Alert, Card, Flex, Skeleton, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProject, useProjects } from '../../api/hooks';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { formatDateTime } from '../../lib/format';
import { yuanText } from '../../lib/money';
import { FilingForm } from './FilingForm';
import { LinkButton } from '../../components/LinkButton';

/** 项目管理 › 项目备案: the enterprise's filings, or the form when there is none yet. */
export function FilingEntry() {
  const { t } = useTranslation();
  const q = useProjects({ page: 1, pageSize: 50 });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.items;
  if (items.length === 0) {
    return (
      <>
        <PageHeader crumbs={[{ title: t('menu.projectManagement') }, { title: t('menu.filing') }]} title={t('filingForm.newTitle')} subTitle={t('filingForm.intro')} />
        <FilingForm />
      </>
    );
  }
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.projectManagement') }, { title: t('menu.filing') }]}
        title={t('menu.filing')}
        subTitle={t('filingList.intro')}
        extra={
          <LinkButton to="/workbench/filing/new" icon={<PlusOutlined />}>{t('filingList.newFiling')}</LinkButton>
        }
      />
      <Flex vertical gap={12}>
        {items.map((p) => (
          <Card key={p.id} size="small">
            <Flex justify="space-between" align="start" wrap gap={12}>
              <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {p.title}
                  </Typography.Text>
                  <StatusTag state={p.state} label={p.stateLabel} />
                </Flex>
                <Typography.Text type="secondary">
                  {p.filingNo ? t('common.labelValue', { label: t('project.filingNo'), value: p.filingNo }) : t('project.noFilingNo')}
                  {' · '}
                  {t('common.labelValue', { label: t('project.plannedInvestment'), value: yuanText(p.plannedInvestmentFen, t('common.yuan')) })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('common.labelValue', { label: t('project.updatedAt'), value: formatDateTime(p.updatedAt) })}
                </Typography.Text>
              </Flex>
              <Flex gap={8} wrap>
                {!p.filingNo ? (
                  <LinkButton to={`/workbench/projects/${p.id}/edit`} type="primary">{t('filingList.continue')}</LinkButton>
                ) : null}
                <LinkButton to={`/workbench/projects/${p.id}`}>{t('common.viewDetails')}</LinkButton>
              </Flex>
            </Flex>
          </Card>
        ))}
      </Flex>
    </>
  );
}

/** A new filing (/workbench/filing/new) or editing a draft / returned filing (/workbench/projects/:id/edit). */
export function FilingEdit() {
  const { id } = useParams();
  const { t } = useTranslation();
  const q = useProject(id);
  const crumbs = [{ title: t('menu.projectManagement') }, { title: t('menu.filing'), to: '/workbench/filing' }];
  if (!id) {
    return (
      <>
        <PageHeader crumbs={[...crumbs, { title: t('filingForm.newTitle') }]} title={t('filingForm.newTitle')} subTitle={t('filingForm.intro')} />
        <FilingForm />
      </>
    );
  }
  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  if (!p.abilities.edit) {
    return (
      <>
        <PageHeader crumbs={[...crumbs, { title: p.title }]} title={p.title} tag={<StatusTag state={p.state} label={p.stateLabel} />} />
        <Alert
          type="info"
          showIcon
          title={t('filingForm.notEditable')}
          action={
            <LinkButton to={`/workbench/projects/${p.id}`} size="small">{t('common.viewDetails')}</LinkButton>
          }
        />
      </>
    );
  }
  return (
    <>
      <PageHeader
        crumbs={[...crumbs, { title: p.title }]}
        title={t('filingForm.editTitle')}
        tag={<StatusTag state={p.state} label={p.stateLabel} />}
        subTitle={t('filingForm.intro')}
      />
      <FilingForm key={p.id} project={p} />
    </>
  );
}
