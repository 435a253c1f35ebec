export { BureauDashboard } from './BureauDashboard';
export { BureauProjects } from './BureauProjects';
export { Organizations } from './Organizations';
