/** The benchmarks area's pages (stages 7–8). */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function BenchmarkReviewPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('benchmarks.menuBenchmarkReview')} />;
}
