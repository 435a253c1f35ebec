/**
 * The fact providers of every module, registered once (each fact has one owner; see facts.ts), and the
 * input-time fact: the kind of the institution an assignment picks.
 */
import { eq } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import { AppError } from '../http/errors';
import type { InstitutionKind } from '../../core/workflow';
import { assessmentFacts } from '../modules/assessments/facts';
import { catalogFacts } from '../modules/catalog/effects';
import { choiceFacts } from '../modules/choice/effects';
import { contractFacts } from '../modules/contracts/effects';
import { implementationFacts } from '../modules/implementation/effects';
import { evaluationFacts } from '../modules/evaluation/effects';
import { presentMaterialsOf } from '../modules/materials/facts';
import { projectFacts } from '../modules/projects/facts';
import { reportFacts } from '../modules/reports/objects';
import { subsidyFacts } from '../modules/subsidy/effects';
import { applicationFacts } from '../modules/application/effects';
import { expertFacts } from '../modules/experts/facts';
import { announcementFacts } from '../modules/announcements/facts';
import { moneyFacts } from '../modules/money/effects';
import { registerFacts } from './facts';
import type { FactProvider } from './types';

const materialFacts: FactProvider = {
  name: 'materials',
  provides: ['presentMaterials'],
  async load({ tx, project }) {
    return { presentMaterials: await presentMaterialsOf(tx, project.id) };
  },
};

const KIND_OF_ORG_TYPE: Record<string, InstitutionKind> = { institution_comprehensive: 'comprehensive', institution_diagnostic: 'diagnostic' };

const institutionFacts: FactProvider = {
  name: 'institutions',
  provides: ['selectedInstitution'],
  async load({ tx, input }) {
    if (typeof input.institutionId !== 'string') return { selectedInstitution: null };
    const [org] = await tx.select({ type: organizations.type, active: organizations.active }).from(organizations).where(eq(organizations.id, input.institutionId));
    const kind = org?.active ? KIND_OF_ORG_TYPE[org.type] : undefined;
    if (!kind) {
      throw new AppError('INPUT_INVALID', {
        message: { zh: '所选单位不是在册的服务机构，或已停用', en: 'The chosen organisation is not a registered institution, or is deactivated' },
        details: { fields: [{ path: 'input.institutionId', code: 'NOT_AN_INSTITUTION', message: '所选单位不是在册的服务机构，或已停用 / not a registered, active institution' }] },
      });
    }
    return { selectedInstitution: kind };
  },
};

for (const p of [projectFacts, assessmentFacts, reportFacts, materialFacts, institutionFacts, catalogFacts, subsidyFacts, choiceFacts, contractFacts, implementationFacts, evaluationFacts, applicationFacts, expertFacts, announcementFacts, moneyFacts]) {
  registerFacts(p);
}
