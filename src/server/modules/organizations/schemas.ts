import { z } from 'zod';
import { bi } from '../../http/validation';
import { pageQuery } from '../../http/schemas';
import { mobileSchema, passwordSchema } from '../auth/schemas';

/** Organisation types the bureau admin creates (enterprises register themselves). */
/** 所属集团/上级单位: organisations of the same group count as one party in conflict-of-interest checks (成效评估回避). */
export const parentGroupSchema = z
  .string(bi('请输入所属集团/上级单位名称', 'Enter the group / parent organisation'))
  .trim()
  .min(2, bi('所属集团/上级单位名称至少2个字', 'The group name needs at least 2 characters'))
  .max(100, bi('所属集团/上级单位名称不能超过100个字', 'The group name may have at most 100 characters'));

export const ADMIN_CREATABLE_TYPES = ['institution_comprehensive', 'institution_diagnostic', 'leading_unit', 'catalog_provider', 'town', 'bureau', 'expert'] as const;

export const createOrgBody = z
  .strictObject({
    type: z.enum(ADMIN_CREATABLE_TYPES, bi('请选择机构类型', 'Choose the organisation type')),
    name: z.string().trim().min(2, bi('请输入机构名称', 'Enter the organisation name')).max(100),
    nameEn: z.string().trim().max(200).optional(),
    uscc: z.string().trim().max(30).optional(),
    townCode: z.string().max(32).optional(),
    parentGroup: parentGroupSchema.optional(),
    contactName: z.string().trim().min(2, bi('请输入联系人', 'Enter the contact person')).max(40),
    contactMobile: mobileSchema,
    member: z.strictObject({
      name: z.string().trim().min(2, bi('请输入账号使用人姓名', 'Enter the member\'s name')).max(40),
      mobile: mobileSchema.optional(),
      email: z.email(bi('邮箱格式不正确', 'The email address is not valid')).max(254).optional(),
      password: passwordSchema,
      bureauRole: z.enum(['admin', 'reviewer', 'finance']).optional(),
    }),
  })
  .refine((b) => b.member.mobile || b.member.email, { ...bi('请至少填写手机号或邮箱作为登录账号', 'Give a mobile number or an email to sign in with'), path: ['member', 'mobile'] })
  .refine((b) => b.type !== 'town' || !!b.townCode, { ...bi('镇街机构须选择所属镇街', 'A town office needs its town'), path: ['townCode'] })
  .refine((b) => b.type !== 'bureau' || !!b.member.bureauRole, { ...bi('市工信局成员须指定职责（管理员/审核/财务）', 'A bureau member needs a duty (admin / reviewer / finance)'), path: ['member', 'bureauRole'] });
export type CreateOrgInput = z.infer<typeof createOrgBody>;

export const orgListQuery = z.strictObject({
  ...pageQuery,
  type: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
});

export const orgSummary = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  uscc: z.string().nullable(),
  townCode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactMobile: z.string().nullable(),
  /** 所属集团/上级单位 (null: none). */
  parentGroup: z.string().nullable(),
  memberCount: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
});

/** The admin's edit of an organisation: its group (null clears it). */
export const updateOrgBody = z.strictObject({
  parentGroup: parentGroupSchema.nullable(),
});
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;

// ---- Account care (bureau admin) ----

export const memberIdParams = z.strictObject({ userId: z.uuid() });

export const memberSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  memberRole: z.string(),
  bureauRole: z.string().nullable(),
  active: z.boolean(),
  lastSignInAt: z.string().nullable(),
  /** A temporary password is set and not yet changed. */
  mustChangePassword: z.boolean(),
  /** Sign-in from some address waits until this time (null: not throttled). */
  throttledUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const orgDetail = orgSummary.extend({ members: z.array(memberSchema) });

export const addMemberBody = z
  .strictObject({
    name: z.string().trim().min(2, bi('请输入账号使用人姓名', 'Enter the member\'s name')).max(40),
    mobile: mobileSchema.optional(),
    email: z.email(bi('邮箱格式不正确', 'The email address is not valid')).max(254).optional(),
    memberRole: z.enum(['owner', 'member'], bi('请选择成员角色', 'Choose the member role')).default('member'),
    bureauRole: z.enum(['admin', 'reviewer', 'finance'], bi('请选择职责', 'Choose the duty')).optional(),
  })
  .refine((b) => b.mobile || b.email, { ...bi('请至少填写手机号或邮箱作为登录账号', 'Give a mobile number or an email to sign in with'), path: ['mobile'] });
export type AddMemberInput = z.infer<typeof addMemberBody>;

export const temporaryPasswordResponse = z.object({
  member: memberSchema,
  /** Shown once to the admin; signs in once, within `validUntil`, and must then be changed. */
  temporaryPassword: z.string(),
  validUntil: z.string(),
});

export const careReasonBody = z.strictObject({
  reason: z.string().trim().max(200, bi('原因不能超过200字', 'The reason may have at most 200 characters')).optional(),
});

export const orgTimelineItem = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  targetType: z.string(),
  targetId: z.string(),
  /** The member's or organisation's name the event is about. */
  targetName: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});
