/** Public pages of stages 7–8: lists, announcements with objections, certificate verification. */
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';

export function PilotEnterprisesPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.portalPilotEnterprises')} />;
}

export function FundedProjectsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.portalFundedProjects')} />;
}

export function BenchmarksPublicPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.portalBenchmarksPublic')} />;
}

export function PaymentsPublicPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.portalPaymentsPublic')} />;
}

export function AnnouncementPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.portalAnnouncement')} />;
}

export function VerifyCertificatePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.portalVerifyCertificate')} />;
}

