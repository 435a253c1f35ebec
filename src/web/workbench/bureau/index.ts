export { BureauDashboard } from './BureauDashboard';
export { BureauProjects } from './BureauProjects';
export { CalendarYears } from './CalendarYears';
export { Organizations } from './Organizations';
