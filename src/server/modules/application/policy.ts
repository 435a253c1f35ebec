/**
 * Who may see and fill the completion-subsidy application — decided here, on top of the project access policy
 * (projects/policy.ts): whoever may see the project may read its application (another enterprise: 404); only the
 * enterprise or a leading unit holding its active authorisation edits the draft, and only while the project may
 * apply (evaluationPassed, subsidyReturned). The enterprise profile belongs to the enterprise's own members.
 */
import type { DbOrTx } from '../../../db/client';
import { AppError } from '../../http/errors';
import type { Actor } from '../../http/actor';
import { actingRole, loadProjectFor, type LoadedProject } from '../projects/policy';

/** The states in which the application is a draft the applicant fills. */
export const APPLYING_STATES: readonly string[] = ['evaluationPassed', 'subsidyReturned'];

export function isApplyingState(state: string): boolean {
  return APPLYING_STATES.includes(state);
}

/** The caller acts as the applicant: the enterprise itself, or its authorised leading unit. */
export function isApplicant(actor: Actor, p: LoadedProject): boolean {
  const role = actingRole(actor, p, p.facts.delegated);
  return role === 'enterprise' || role === 'leadingUnitDelegate';
}

/** The project for reading its application (404 when the caller may not see the project). */
export async function loadForRead(db: DbOrTx, actor: Actor, projectId: string): Promise<LoadedProject> {
  return loadProjectFor(db, actor, projectId);
}

/**
 * The project, locked, for editing its draft: a caller who may not see it gets 404; one who sees it but is not
 * the applicant (a provider without authorisation, the bureau) ROLE_NOT_ALLOWED; outside the applying states
 * STAGE_NOT_ALLOWED.
 */
export async function loadForEdit(tx: DbOrTx, actor: Actor, projectId: string): Promise<LoadedProject> {
  const p = await loadProjectFor(tx, actor, projectId, { forUpdate: true });
  if (!isApplicant(actor, p)) {
    const delegateWithout = actor.orgType === 'leading_unit' || actor.orgType === 'catalog_provider';
    throw new AppError('ROLE_NOT_ALLOWED', {
      message: delegateWithout
        ? { zh: '贵单位没有该企业的有效授权，不能代企业填写奖补申请', en: 'Your organisation holds no active authorisation from this enterprise to fill in its application' }
        : { zh: '只有企业或其授权的牵引单位可以填写奖补申请', en: 'Only the enterprise or its authorised leading unit fills in the application' },
      details: { state: p.state, allowedRoles: ['enterprise', 'leadingUnitDelegate'] },
    });
  }
  if (!isApplyingState(p.state)) {
    throw new AppError('STAGE_NOT_ALLOWED', {
      message: { zh: '项目当前环节不能修改奖补申请（仅评估通过或申请被退回后可填写）', en: 'The application can be changed only after the evaluation passed or when it was returned' },
      details: { state: p.state },
    });
  }
  return p;
}

/** The enterprise profile is its own members' (never a delegate's). */
export function assertProfileOwner(actor: Actor): void {
  if (actor.orgType !== 'enterprise') {
    throw new AppError('FORBIDDEN_ROLE', { message: { zh: '企业信息只能由企业本单位账号查看和修改', en: "Only the enterprise's own accounts see and change its profile" } });
  }
}
