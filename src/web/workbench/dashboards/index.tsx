/** The dashboards area's pages (stages 7–8). */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function PerformanceReportPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('dashboards.menuPerformanceReport')} />;
}
