/** The review area's pages (stages 7–8). */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function SubsidyReviewQueuePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('review.menuSubsidyReviewQueue')} />;
}

export function DecisionBatchesPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('review.menuDecisionBatches')} />;
}

export function DecisionBatchPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('review.menuDecisionBatch')} />;
}
