import { z } from 'zod';
import { bi } from '../../http/validation';

export const mobileSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, bi('请输入11位中国大陆手机号', 'Enter an 11-digit mainland China mobile number'));

export const passwordSchema = z
  .string()
  .min(8, bi('密码至少8位', 'The password needs at least 8 characters'))
  .max(128, bi('密码不能超过128位', 'The password may have at most 128 characters'))
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), bi('密码需同时包含字母和数字', 'The password needs both letters and digits'));

export const loginBody = z.strictObject({
  account: z.string().trim().min(1, bi('请输入手机号或邮箱', 'Enter your mobile number or email')).max(254),
  password: z.string().min(1, bi('请输入密码', 'Enter your password')).max(128),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});

export const registerBody = z.strictObject({
  uscc: z.string().trim().min(1, bi('请输入统一社会信用代码', 'Enter the unified social credit code')).max(30),
  name: z.string().trim().min(2, bi('请输入企业全称', 'Enter the full company name')).max(100),
  townCode: z.string().min(1, bi('请选择所在镇街', 'Choose the town or street')),
  industryCode: z.string().min(1, bi('请选择所属行业', 'Choose the industry')),
  employees: z.number().int(bi('从业人数须为整数', 'Employees must be a whole number')).min(0).max(10_000_000),
  annualRevenueFen: z.number().int().min(0).max(9_000_000_000_000_000),
  address: z.string().trim().max(200).default(''),
  contactName: z.string().trim().min(2, bi('请输入联系人姓名', 'Enter the contact person')).max(40),
  contactMobile: mobileSchema,
  email: z.email(bi('邮箱格式不正确', 'The email address is not valid')).max(254).optional(),
  password: passwordSchema,
});
export type RegisterInput = z.infer<typeof registerBody>;

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    mobile: z.string().nullable(),
    email: z.string().nullable(),
    memberRole: z.string(),
    /** Signed in with a temporary password: only the password change is open until it is done. */
    mustChangePassword: z.boolean(),
  }),
  org: z.object({ id: z.string(), name: z.string(), type: z.string(), townCode: z.string().nullable() }),
  role: z.string(),
  bureauRole: z.string().nullable(),
  csrfToken: z.string(),
});
