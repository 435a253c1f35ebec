export { PortalHome } from './PortalHome';
export { PublicFilings } from './PublicFilings';
