import type { Text } from '../text';

/** Kinds of organisation on the platform. */
export const ORG_TYPES = [
  'enterprise',
  'institution_comprehensive',
  'institution_diagnostic',
  'leading_unit',
  'catalog_provider',
  'town',
  'bureau',
  'expert',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, Text> = {
  enterprise: { zh: '中小企业', en: 'Enterprise (SME)' },
  institution_comprehensive: { zh: '综合型服务机构', en: 'Comprehensive institution' },
  institution_diagnostic: { zh: '诊断型服务机构', en: 'Diagnostic institution' },
  leading_unit: { zh: '数字化牵引单位/行业型服务商', en: 'Leading unit / industry provider' },
  catalog_provider: { zh: '入库服务商', en: 'Catalog provider' },
  town: { zh: '镇街', en: 'Town / street office' },
  bureau: { zh: '市工信局', en: 'City Bureau of Industry and IT' },
  expert: { zh: '评审专家', en: 'Review expert' },
};

/** A member's standing inside its organisation. */
export const MEMBER_ROLES = ['owner', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Duties inside the city bureau; finance is kept apart from reviewing. */
export const BUREAU_ROLES = ['admin', 'reviewer', 'finance'] as const;
export type BureauRole = (typeof BUREAU_ROLES)[number];

/**
 * The role an actor plays in a workflow transition. Derived from the actor's organisation type
 * (and bureau duty), plus `leadingUnitDelegate` when a leading unit acts for an enterprise that
 * authorised it.
 */
export const ACTOR_ROLES = [
  'enterprise',
  'leadingUnitDelegate',
  'institutionComprehensive',
  'institutionDiagnostic',
  'leadingUnit',
  'catalogProvider',
  'town',
  'bureauAdmin',
  'bureauReviewer',
  'bureauFinance',
  'expert',
  'system',
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export function isActorRole(value: unknown): value is ActorRole {
  return typeof value === 'string' && (ACTOR_ROLES as readonly string[]).includes(value);
}

/** The institution roles: they act only on what they are assigned to. */
export const INSTITUTION_ACTOR_ROLES: readonly ActorRole[] = ['institutionComprehensive', 'institutionDiagnostic'];

/** Bureau staff who assign, review and decide (finance is kept apart). */
export const BUREAU_STAFF_ROLES: readonly ActorRole[] = ['bureauAdmin', 'bureauReviewer'];

export const ACTOR_ROLE_LABELS: Record<ActorRole, Text> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  leadingUnitDelegate: { zh: '牵引单位（代企业办理）', en: 'Leading unit acting for the enterprise' },
  institutionComprehensive: { zh: '综合型服务机构', en: 'Comprehensive institution' },
  institutionDiagnostic: { zh: '诊断型服务机构', en: 'Diagnostic institution' },
  leadingUnit: { zh: '牵引单位/行业型服务商', en: 'Leading unit / industry provider' },
  catalogProvider: { zh: '入库服务商', en: 'Catalog provider' },
  town: { zh: '镇街', en: 'Town office' },
  bureauAdmin: { zh: '市工信局管理员', en: 'Bureau administrator' },
  bureauReviewer: { zh: '市工信局审核人员', en: 'Bureau reviewer' },
  bureauFinance: { zh: '市工信局财务人员', en: 'Bureau finance officer' },
  expert: { zh: '评审专家', en: 'Review expert' },
  system: { zh: '系统', en: 'System' },
};

/** The base actor role of a signed-in member (without delegation). */
export function baseActorRole(orgType: OrgType, bureauRole: BureauRole | null): ActorRole {
  switch (orgType) {
    case 'enterprise':
      return 'enterprise';
    case 'institution_comprehensive':
      return 'institutionComprehensive';
    case 'institution_diagnostic':
      return 'institutionDiagnostic';
    case 'leading_unit':
      return 'leadingUnit';
    case 'catalog_provider':
      return 'catalogProvider';
    case 'town':
      return 'town';
    case 'expert':
      return 'expert';
    case 'bureau':
      if (bureauRole === 'admin') return 'bureauAdmin';
      if (bureauRole === 'finance') return 'bureauFinance';
      return 'bureauReviewer';
  }
}
