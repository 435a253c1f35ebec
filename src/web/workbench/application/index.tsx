/** The application area's pages (stages 7–8). */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function SubsidyApplicationPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('application.menuSubsidyApplication')} />;
}
