/**
 * Guard facts the projects module owns, read from the project row and what was loaded with it in the same
 * statement (the enterprise's size, the caller's delegation): no extra query.
 */
import type { SmeSize } from '../../../core/identity/sme';
import type { Text } from '../../../core/text';
import type { FactProvider } from '../../workflow/types';
import { getState } from '../../../core/workflow';
import { tableFor } from '../../workflow/registry';
import type { ProjectRow } from './policy';

const REQUIRED_FILING_FIELDS: Array<{ label: Text; present: (p: ProjectRow) => boolean }> = [
  { label: { zh: '项目名称', en: 'Project title' }, present: (p) => p.title.trim().length > 0 },
  { label: { zh: '企业现状', en: 'Current situation' }, present: (p) => p.situation.trim().length > 0 },
  { label: { zh: '改造需求', en: 'Transformation needs' }, present: (p) => p.needs.trim().length > 0 },
  { label: { zh: '计划改造范围', en: 'Planned scope' }, present: (p) => p.scope.trim().length > 0 },
  { label: { zh: '计划投资金额', en: 'Planned investment' }, present: (p) => p.plannedInvestmentFen > 0 },
  { label: { zh: '计划开始日期', en: 'Planned start' }, present: (p) => !!p.plannedStart },
  { label: { zh: '计划完成日期', en: 'Planned end' }, present: (p) => !!p.plannedEnd },
];

/** The institution the project's current state is assigned to, by the table's `assignment` (undefined: none). */
function assignedInstitutionOf(p: ProjectRow): string | null | undefined {
  const a = getState(tableFor(p.workflowVersion), p.state)?.assignment;
  return a === 'evaluation' ? p.evaluationInstitutionId : a === 'diagnosis' ? p.diagnosisInstitutionId : undefined;
}

/** The filing form's required fields still empty. */
export function filingFormMissing(p: ProjectRow): Text[] {
  return REQUIRED_FILING_FIELDS.filter((f) => !f.present(p)).map((f) => f.label);
}

export const projectFacts: FactProvider = {
  name: 'projects',
  provides: ['formMissing', 'enterpriseSize', 'diagnosisMode', 'delegationActive', 'actorIsAssignedInstitution'],
  async load({ project: p, actorOrgId }) {
    const f = p.facts;
    const size: SmeSize | null = (f.enterpriseSmeSize as SmeSize | null) ?? (f.enterpriseEmployees === null ? null : 'large');
    return {
      // The filing form is the only form of stages 1–2; later forms (contract, bank account) add their own checks.
      formMissing: filingFormMissing(p),
      enterpriseSize: size,
      diagnosisMode: p.diagnosisMode === 'institution' ? 'institution' : 'self',
      delegationActive: f.delegated,
      // The institution of the state's assignment (the diagnoser is not the evaluator), either outside one.
      actorIsAssignedInstitution: assignedInstitutionOf(p) === undefined ? p.diagnosisInstitutionId === actorOrgId || p.evaluationInstitutionId === actorOrgId : assignedInstitutionOf(p) === actorOrgId,
    };
  },
};
