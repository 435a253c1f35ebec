/** The evaluation area's pages and cards: the project's evaluation history. */
export { EvaluationHistoryCard } from './EvaluationHistoryCard';
