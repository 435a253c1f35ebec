/** The money area's pages (stages 7–8). */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function DisbursementsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('money.menuDisbursements')} />;
}

export function BankAccountPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('money.menuBankAccount')} />;
}

export function PaymentPaperworkPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('money.menuPaymentPaperwork')} />;
}
