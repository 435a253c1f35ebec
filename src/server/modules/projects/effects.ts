/**
 * The effects the projects module owns: filing number, publication, revisions, return reasons, institution
 * assignment, pilot management and the pilot-enterprise recognition. Each is idempotent within its transition.
 */
import { eq } from 'drizzle-orm';
import { materialRequests, organizations, projectRevisions } from '../../../db/schema';
import { INSTITUTION_KINDS } from '../../../core/workflow';
import { AppError } from '../../http/errors';
import { assignmentOf, type EffectEnv, type EffectHandler } from '../../workflow/types';
import { nextFilingNo } from './filing-number';
import { snapshotOf } from './snapshot';

/** The institution field of the project that the state's assignment (the table says which) sets. */
function institutionColumn(env: EffectEnv): 'diagnosisInstitutionId' | 'evaluationInstitutionId' {
  return assignmentOf(env) === 'evaluation' ? 'evaluationInstitutionId' : 'diagnosisInstitutionId';
}

const ORG_TYPE_OF_KIND = { comprehensive: 'institution_comprehensive', diagnostic: 'institution_diagnostic' } as const;

export const projectEffects = {
  assignFilingNo: async (env) => {
    if (!env.project.filingNo) {
      env.patch.filingNo = await nextFilingNo(env.tx, env.now);
      env.summary.filingNo = env.patch.filingNo;
    }
    env.patch.submittedAt = env.project.submittedAt ?? env.now;
  },
  publishFiling: async (env) => {
    env.patch.published = true;
    env.patch.publicationWithdrawnReason = null;
  },
  recordRevision: async (env) => {
    if (env.subject.type !== 'project') {
      // A smaller object keeps its submitted versions in its own content.
      const revisions = Array.isArray(env.subject.data.revisions) ? env.subject.data.revisions : [];
      env.subject.data.revisions = [...revisions, { at: env.now.toISOString(), by: env.ctx.actor.userId, content: { ...env.subject.data, revisions: undefined } }];
      return;
    }
    await env.tx.insert(projectRevisions).values({
      projectId: env.project.id,
      revision: env.project.revision + 1,
      snapshot: snapshotOf(env.project),
      kind: 'submission',
      submittedBy: env.ctx.actor.userId,
    });
  },
  storeReturnReason: async (env) => {
    if (env.subject.type === 'project') env.patch.returnReason = env.reason;
    else env.subject.data.returnReason = env.reason;
  },
  clearReturnReason: async (env) => {
    if (env.subject.type === 'project') env.patch.returnReason = null;
    else delete env.subject.data.returnReason;
  },
  assignInstitution: async (env) => {
    const institutionId = env.input.institutionId;
    if (typeof institutionId !== 'string') throw new AppError('INPUT_INVALID');
    const [org] = await env.tx.select({ type: organizations.type, name: organizations.name, active: organizations.active }).from(organizations).where(eq(organizations.id, institutionId));
    const kinds = INSTITUTION_KINDS.map((k) => ORG_TYPE_OF_KIND[k]) as readonly string[];
    if (!org || !org.active || !kinds.includes(org.type)) throw new AppError('INPUT_INVALID', { message: { zh: '所选服务机构不存在或已停用', en: 'The chosen institution does not exist or is deactivated' } });
    env.patch[institutionColumn(env)] = institutionId;
    env.summary.institution = { id: institutionId, name: org.name };
  },
  unassignInstitution: async (env) => {
    const column = institutionColumn(env);
    env.summary.previousInstitutionId = env.project[column];
    env.patch[column] = null;
  },
  recordEvidenceRequest: async (env) => {
    const slots = Array.isArray(env.input.slots) ? env.input.slots.map(String) : [];
    await env.tx.insert(materialRequests).values({
      projectId: env.project.id,
      slotKeys: slots,
      note: typeof env.input.note === 'string' ? env.input.note : '',
      dueOn: typeof env.input.dueOn === 'string' ? env.input.dueOn : null,
      requestedBy: env.ctx.actor.userId,
      requestedByOrgId: env.ctx.actor.orgId,
    });
  },
  enterPilotManagement: async (env) => {
    env.patch.pilotManagedAt = env.project.pilotManagedAt ?? env.now;
  },
  markPilotEnterprise: async (env) => {
    env.patch.pilotEnterpriseAt = env.project.pilotEnterpriseAt ?? env.now;
  },
  publishPilotEnterprise: async (env) => {
    // The pilot-enterprise list is public from the recognition on; publishing at the end keeps it listed.
    env.patch.pilotEnterpriseAt = env.project.pilotEnterpriseAt ?? env.now;
    env.summary.publishedAsPilotEnterprise = true;
  },
  publishFundedProject: async (env) => {
    env.summary.publishedAsFunded = true;
  },
} satisfies Record<string, EffectHandler>;

