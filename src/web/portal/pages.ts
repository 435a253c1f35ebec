export { PortalHome } from './PortalHome';
export { PublicFilings } from './PublicFilings';
export { CatalogPage } from './CatalogPage';
export { PilotEnterprisesPage, FundedProjectsPage, PaymentsPublicPage, AnnouncementPage } from './PublicMoney';
export { BenchmarksPublicPage } from './BenchmarksPublic';
export { VerifyCertificatePage } from './VerifyCertificate';
