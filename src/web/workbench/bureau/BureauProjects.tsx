import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ProjectList } from '../../components/ProjectList';

/** 备案管理: every filed project, filtered, paginated, exportable. */
export function BureauProjects() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader crumbs={[{ title: t('menu.filingAdmin') }]} title={t('menu.filingAdmin')} subTitle={t('bureau.listIntro')} />
      <ProjectList showTownFilter exportable sortable sameNameFilter />
    </>
  );
}
