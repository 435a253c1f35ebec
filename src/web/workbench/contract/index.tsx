/** The contract area's pages and cards: 项目签约, the targets (一企一档) and the enterprise archive. */
export { ContractCard } from './ContractCard';
export { TargetsCard } from './TargetsCard';
export { ArchivePage } from './ArchivePage';
