export { PortalHome } from './PortalHome';
export { PublicFilings } from './PublicFilings';
export { CatalogPage } from './CatalogPage';
export { PilotEnterprisesPage, FundedProjectsPage, BenchmarksPublicPage, PaymentsPublicPage, AnnouncementPage } from './PublicMoney';
export { VerifyCertificatePage } from './VerifyCertificate';
