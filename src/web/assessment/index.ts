/**
 * The digital-level assessment pages (自诊断 / 机构诊断 / 成效评估: one instrument) and the project card.
 * Routes: AssessmentPage → /workbench/assessments/:id, AssessmentStart → /workbench/projects/:projectId/assessment/:mode,
 * AssessmentReport → /workbench/assessments/:id/report. ProjectAssessmentsCard goes on the project detail page.
 */
import './i18n';

export { AssessmentPage } from './AssessmentPage';
export { AssessmentStart } from './AssessmentStart';
export { AssessmentReport } from './ReportPage';
export { ProjectAssessmentsCard } from './ProjectAssessmentsCard';
