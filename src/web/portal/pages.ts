export { PortalHome } from './PortalHome';
export { PublicFilings } from './PublicFilings';
export { CatalogPage } from './CatalogPage';
