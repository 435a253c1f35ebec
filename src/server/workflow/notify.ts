/**
 * The notification effects of every table: who hears of a transition. Each writes one outbox row in the
 * transition's transaction (delivered after commit: in-app, e-mail, SMS); the text names the project, what
 * happened and the recipient's next step from the table.
 */
import { getState, hintFor, type WorkflowTable } from '../../core/workflow';
import type { ActorRole } from '../../core/identity/roles';
import type { Text } from '../../core/text';
import { enqueueNotification, type Recipient } from '../notifications/outbox';
import { assignmentOf, type EffectEnv, type EffectHandler } from './types';

function projectName(env: EffectEnv): Text {
  const no = env.project.filingNo ? `（${env.project.filingNo}）` : '';
  const noEn = env.project.filingNo ? ` (${env.project.filingNo})` : '';
  return { zh: `「${env.project.title}」${no}`, en: `"${env.project.title}"${noEn}` };
}

function actionLabel(table: WorkflowTable, from: string, event: string): Text {
  return getState(table, from)?.transitions.find((t) => t.event === event)?.label ?? { zh: event, en: event };
}

function message(env: EffectEnv, recipientRole: ActorRole): { title: Text; body: Text } {
  const name = projectName(env);
  const action = actionLabel(env.table, env.from, env.event);
  const to = getState(env.table, env.to);
  const hint = hintFor(env.table, env.to, recipientRole);
  const reason = env.reason ? { zh: `原因：${env.reason}。`, en: `Reason: ${env.reason}. ` } : { zh: '', en: '' };
  const actor = env.role === 'system' ? { zh: '平台', en: 'The platform' } : { zh: env.ctx.actor.orgName, en: env.ctx.actor.orgName };
  return {
    title: { zh: `${action.zh}：${env.project.title}`, en: `${action.en}: ${env.project.title}` },
    body: {
      zh: `项目${name.zh}：${actor.zh}办理了“${action.zh}”。${reason.zh}当前状态：${to?.label.zh ?? env.to}。${hint ? `下一步：${hint.zh}` : ''}`,
      en: `Project ${name.en}: ${actor.en} did "${action.en}". ${reason.en}Now: ${to?.label.en ?? env.to}.${hint ? ` Next: ${hint.en}` : ''}`,
    },
  };
}

function notify(recipients: (env: EffectEnv) => Recipient[], role: ActorRole, opts: { sms?: boolean } = {}): EffectHandler {
  return async (env) => {
    const to = recipients(env);
    if (to.length === 0) return;
    const { title, body } = message(env, role);
    await enqueueNotification(env.tx, {
      to,
      projectId: env.project.id,
      kind: `${env.subject.type}.${env.event}`,
      title,
      body,
      link: `/workbench/projects/${env.project.id}`,
      excludeUserId: env.ctx.actor.userId,
      ...(opts.sms ? { sms: true } : {}),
    });
  };
}

/** The institution concerned: the one assigned now, or (on an unassignment) the one just removed. */
function institutionOf(env: EffectEnv): string | null {
  const column = assignmentOf(env) === 'evaluation' ? 'evaluationInstitutionId' : 'diagnosisInstitutionId';
  const next = env.patch[column];
  if (typeof next === 'string') return next;
  return env.project[column];
}

function stringOf(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

export const notifyEffects = {
  notifyEnterprise: notify((env) => [{ orgId: env.project.enterpriseId }], 'enterprise', { sms: true }),
  notifyBureau: notify(() => [{ bureau: ['admin', 'reviewer'] }], 'bureauReviewer'),
  notifyInstitution: notify((env) => {
    const id = institutionOf(env);
    return id ? [{ orgId: id }] : [];
  }, 'institutionDiagnostic'),
  /**
   * The leading unit concerned: on a catalog entry (推荐函) the one writing it; on the project, the one the
   * enterprise asked for a recommendation (stored by the choice) or, failing that, the chosen provider.
   */
  notifyLeadingUnit: notify((env) => {
    const id = stringOf(env.subject.data.recommenderOrgId) ?? stringOf(env.patch.providerOrgId) ?? env.project.providerOrgId;
    return id ? [{ orgId: id }] : [];
  }, 'leadingUnit'),
  /** The chosen provider (as set by this transition, or as stored). */
  notifyProvider: notify((env) => {
    const id = stringOf(env.patch.providerOrgId) ?? env.project.providerOrgId;
    return id ? [{ orgId: id }] : [];
  }, 'leadingUnit'),
  /** The organisation that submitted a catalog entry (the recommending leading unit of a letter). */
  notifySubmitter: notify((env) => {
    const id = stringOf(env.subject.data.submitterOrgId) ?? stringOf(env.subject.data.recommenderOrgId);
    return id ? [{ orgId: id }] : [];
  }, 'leadingUnit'),
  notifyTown: notify((env) => (env.project.townCode ? [{ townCode: env.project.townCode }] : []), 'town'),
  notifyReviewers: notify((env) => [{ bureau: ['admin', 'reviewer'] }, ...(env.project.townCode ? [{ townCode: env.project.townCode }] : [])], 'bureauReviewer'),
  notifyFinance: notify(() => [{ bureau: ['finance'] }], 'bureauFinance'),
} satisfies Record<string, EffectHandler>;
