import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ProjectList } from '../../components/ProjectList';
import { roleGroup } from '../../lib/roles';

/**
 * Institutions, leading units / providers and experts: the projects assigned to them, straight from
 * GET /projects (the server decides what each may see). Empty until the bureau assigns work — and it says so.
 */
export function AssigneeHome() {
  const { t } = useTranslation();
  const me = useMe().data;
  const group = roleGroup(me?.role ?? '');
  const title = group === 'institution' ? t('menu.tasks') : group === 'provider' ? t('menu.clients') : t('menu.reviewTasks');
  const intro = group === 'institution' ? t('assignee.institutionIntro') : group === 'provider' ? t('assignee.providerIntro') : t('assignee.expertIntro');
  const empty = group === 'institution' ? t('assignee.institutionEmpty') : group === 'provider' ? t('assignee.providerEmpty') : t('assignee.expertEmpty');
  return (
    <>
      <PageHeader title={title} subTitle={intro} />
      <ProjectList showTownFilter exportable={false} emptyText={empty} />
    </>
  );
}
