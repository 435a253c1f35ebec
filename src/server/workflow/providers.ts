/**
 * The fact providers of every module, registered once (each fact has one owner; see facts.ts), and the
 * input-time fact: the kind of the institution an assignment picks.
 */
import { eq } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import type { InstitutionKind } from '../../core/workflow';
import { assessmentFacts } from '../modules/assessments/facts';
import { catalogFacts } from '../modules/catalog/effects';
import { presentSlots } from '../modules/materials/facts';
import { projectFacts } from '../modules/projects/facts';
import { reportFacts } from '../modules/reports/objects';
import { subsidyFacts } from '../modules/subsidy/effects';
import { registerFacts } from './facts';
import type { FactProvider } from './types';

const materialFacts: FactProvider = {
  name: 'materials',
  provides: ['presentMaterials'],
  async load({ tx, project }) {
    const present = await presentSlots(tx, 'project', [project.id]);
    return { presentMaterials: present.get(project.id) ?? [] };
  },
};

const KIND_OF_ORG_TYPE: Record<string, InstitutionKind> = { institution_comprehensive: 'comprehensive', institution_diagnostic: 'diagnostic' };

const institutionFacts: FactProvider = {
  name: 'institutions',
  provides: ['selectedInstitution'],
  async load({ tx, input }) {
    if (typeof input.institutionId !== 'string') return { selectedInstitution: null };
    const [org] = await tx.select({ type: organizations.type, active: organizations.active }).from(organizations).where(eq(organizations.id, input.institutionId));
    return { selectedInstitution: org?.active ? (KIND_OF_ORG_TYPE[org.type] ?? null) : null };
  },
};

for (const p of [projectFacts, assessmentFacts, reportFacts, materialFacts, institutionFacts, catalogFacts, subsidyFacts]) registerFacts(p);
