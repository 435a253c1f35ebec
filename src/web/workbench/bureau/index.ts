export { BureauDashboard } from './BureauDashboard';
export { BureauProjects } from './BureauProjects';
export { CalendarYears } from './CalendarYears';
export { DiagnosisQueue } from './DiagnosisQueue';
export { Organizations } from './Organizations';
