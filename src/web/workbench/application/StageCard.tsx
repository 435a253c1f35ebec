/** The project page's link to the subsidy application (stage 7 onwards), for the enterprise and its providers. */
import { Card, Typography } from 'antd';
import { MoneyCollectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import type { ProjectDetail } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { roleGroup } from '../../lib/roles';

export function SubsidyApplicationCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const group = roleGroup(useMe().data?.role ?? '');
  if (project.stage < 7 || (group !== 'enterprise' && group !== 'provider')) return null;
  const applying = project.state === 'evaluationPassed' || project.state === 'subsidyReturned';
  return (
    <Card size="small" title={t('application.stageCardTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('application.stageCardHint')}</Typography.Paragraph>
      <LinkButton to={`/workbench/projects/${project.id}/subsidy`} type={applying ? 'primary' : 'default'} icon={<MoneyCollectOutlined />}>
        {applying ? t('application.stageCardOpen') : t('application.stageCardView')}
      </LinkButton>
    </Card>
  );
}
