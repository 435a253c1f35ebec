import { lazy, Suspense } from 'react';
import type { ProjectDetail } from '../../api/types';

// Each area's card is loaded with its area's chunk; a card shows itself only where its stage applies.
const ProviderChoiceCard = lazy(() => import('../../workbench/choice').then((m) => ({ default: m.ProviderChoiceCard })));
const ContractCard = lazy(() => import('../../workbench/contract').then((m) => ({ default: m.ContractCard })));
const TargetsCard = lazy(() => import('../../workbench/contract').then((m) => ({ default: m.TargetsCard })));
const ImplementationCard = lazy(() => import('../../workbench/implementation').then((m) => ({ default: m.ImplementationCard })));
const EvaluationHistoryCard = lazy(() => import('../../workbench/evaluation').then((m) => ({ default: m.EvaluationHistoryCard })));
const CertificateCard = lazy(() => import('../../workbench/certificates').then((m) => ({ default: m.CertificateCard })));
const SubsidyApplicationCard = lazy(() => import('../../workbench/application').then((m) => ({ default: m.SubsidyApplicationCard })));

/** The records of stages 3–6 on the project page: provider choice, contract and targets, implementation, evaluations. */
export function StageCards({ project }: { project: ProjectDetail }) {
  return (
    <Suspense fallback={null}>
      <ProviderChoiceCard project={project} />
      <ContractCard project={project} />
      <TargetsCard project={project} />
      <ImplementationCard project={project} />
      <EvaluationHistoryCard project={project} />
      <SubsidyApplicationCard project={project} />
      <CertificateCard project={project} />
    </Suspense>
  );
}
