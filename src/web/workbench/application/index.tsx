/** The application area's pages (stage 7): the subsidy application, its project-page card, the enterprise profile. */
export { SubsidyApplicationPage } from './SubsidyApplicationPage';
export { SubsidyApplicationCard } from './StageCard';
export { EnterpriseProfileSection, ProfileDrawer } from './ProfileSection';
