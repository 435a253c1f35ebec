/** The experts area's pages (stages 7–8): the expert's tasks and review page, and the bureau's panel. */
export { ExpertHome } from './ExpertHome';
export { ExpertReviewPage } from './ExpertReviewPage';
export { ExpertPanel } from './ExpertPanel';
