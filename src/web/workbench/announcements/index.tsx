/** The announcements area's pages (stages 7–8). */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function AnnouncementsAdminPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.menuAnnouncementsAdmin')} />;
}

export function ObjectionsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.menuObjections')} />;
}
