import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ProjectList } from '../../components/ProjectList';
import { useRefLookup } from '../../api/hooks';

/** 本镇企业: the town office follows the filed projects of its own town (the server scopes the list). */
export function TownProjects() {
  const { t } = useTranslation();
  const me = useMe().data;
  const lookup = useRefLookup();
  return (
    <>
      <PageHeader title={t('menu.townEnterprises')} subTitle={t('town.intro', { town: lookup.town(me?.org.townCode) })} />
      <ProjectList showTownFilter={false} exportable sortable />
    </>
  );
}
