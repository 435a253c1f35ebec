import type { ProjectDetail } from '../../api/types';

/** The choice area's pages and cards (being built). */
export function ProviderChoicePage() {
  return null;
}

export function LettersPage() {
  return null;
}

export function LetterPage() {
  return null;
}

export function LetterReviewPage() {
  return null;
}

export function ProviderChoiceCard(_props: { project: ProjectDetail }) {
  return null;
}
