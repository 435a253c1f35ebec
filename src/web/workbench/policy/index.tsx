/** The policy area's pages (stages 7–8). */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function PoliciesPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('policy.menuPolicies')} />;
}

export function BudgetPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('policy.menuBudget')} />;
}
