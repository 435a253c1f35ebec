export { EnterpriseHome } from './EnterpriseHome';
export { FilingEntry, FilingEdit } from './FilingPages';
export { FilingResult } from './FilingResult';
export { DiagnosisStatus } from './DiagnosisStatus';
