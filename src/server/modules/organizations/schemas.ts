import { z } from 'zod';
import { bi } from '../../http/validation';
import { pageQuery } from '../../http/schemas';
import { mobileSchema, passwordSchema } from '../auth/schemas';

/** Organisation types the bureau admin creates (enterprises register themselves). */
export const ADMIN_CREATABLE_TYPES = ['institution_comprehensive', 'institution_diagnostic', 'leading_unit', 'catalog_provider', 'town', 'bureau', 'expert'] as const;

export const createOrgBody = z
  .strictObject({
    type: z.enum(ADMIN_CREATABLE_TYPES, bi('请选择机构类型', 'Choose the organisation type')),
    name: z.string().trim().min(2, bi('请输入机构名称', 'Enter the organisation name')).max(100),
    nameEn: z.string().trim().max(200).optional(),
    uscc: z.string().trim().max(30).optional(),
    townCode: z.string().max(32).optional(),
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
  memberCount: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
});
