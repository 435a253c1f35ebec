/** The experts area's pages (stages 7–8). */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function ExpertHome() {
  const { t } = useTranslation();
  return <PageHeader title={t('experts.menuExpertHome')} />;
}

export function ExpertReviewPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('experts.menuExpertReview')} />;
}
