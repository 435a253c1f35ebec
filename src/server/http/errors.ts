/**
 * One error type for the whole API: a stable code, an HTTP status, a zh-CN and an English message,
 * and optional details (e.g. the list of missing materials or invalid fields).
 */
import type { Text } from '../../core/text';

export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据不符合要求，请检查标出的字段', en: 'The submitted data is invalid; check the marked fields' },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  BODY_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { status: 401, zh: '账号或密码错误', en: 'Wrong account or password' },
  AUTH_THROTTLED: { status: 429, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; please try again later' },
  CSRF_INVALID: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  FORBIDDEN_ROLE: { status: 403, zh: '您的角色无权进行此操作', en: 'Your role may not do this' },
  NOT_FOUND: { status: 404, zh: '未找到该对象，或您无权查看', en: 'Not found, or you may not see it' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'The data was changed by someone else; reload and retry' },
  USCC_TAKEN: { status: 409, zh: '该统一社会信用代码已注册', en: 'This unified social credit code is already registered' },
  ACCOUNT_TAKEN: { status: 409, zh: '该手机号或邮箱已被使用', en: 'This mobile number or email is already in use' },
  NOT_SME: { status: 422, zh: '企业规模不符合中小企业标准，不能参加试点', en: 'The enterprise is not an SME and may not join the pilot' },
  STAGE_NOT_ALLOWED: { status: 409, zh: '项目当前所处环节不能进行此操作', en: 'This action is not possible at the project\'s current stage' },
  ROLE_NOT_ALLOWED: { status: 403, zh: '您的角色不能在当前环节进行此操作', en: 'Your role may not do this at the current stage' },
  GUARD_FAILED: { status: 422, zh: '尚不满足办理条件', en: 'The conditions for this step are not met' },
  MATERIALS_MISSING: { status: 422, zh: '尚缺必需材料', en: 'Required materials are missing' },
  FIELD_NOT_EDITABLE: { status: 409, zh: '当前环节不能修改这些内容', en: 'These fields cannot be changed at this stage' },
  INPUT_INVALID: { status: 400, zh: '操作所需信息不完整或不正确，请检查标出的项', en: "The action's input is incomplete or invalid; check the marked items" },
  ALREADY_SUBMITTED: { status: 409, zh: '已提交，请勿重复提交', en: 'Already submitted' },
  ALREADY_CONFIRMED: { status: 409, zh: '已确认，请勿重复操作', en: 'Already confirmed' },
  WRONG_PASSWORD: { status: 422, zh: '原密码不正确', en: 'The current password is wrong' },
  ASSESSMENT_INVALID: { status: 422, zh: '评测答卷存在问题，请按提示修改', en: 'The assessment has problems; fix them as listed' },
  CONTRACT_PROVIDER_MISMATCH: { status: 422, zh: '合同中的服务商须为本项目已选定的服务商', en: 'The contract must name the provider chosen for this project' },
  PLEDGE_REQUIRED: { status: 422, zh: '提交前请阅读并勾选真实性承诺', en: 'Read and accept the truthfulness pledge before submitting' },
  // Account care and idempotent creates
  ACCOUNT_DEACTIVATED: { status: 403, zh: '该账号已停用，请联系市工信局管理员', en: 'This account is deactivated; contact the bureau administrator' },
  TEMP_PASSWORD_EXPIRED: { status: 401, zh: '临时密码已失效（只能登录一次，且须在24小时内使用），请联系市工信局管理员重新重置', en: 'The temporary password is no longer valid (it signs in once, within 24 hours); ask the bureau administrator for a new one' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '请先修改临时密码，再继续使用平台', en: 'Change your temporary password before you continue' },
  CANNOT_DEACTIVATE_SELF: { status: 409, zh: '不能停用自己的账号或所在机构', en: 'You cannot deactivate your own account or organisation' },
  LAST_BUREAU_ADMIN: { status: 409, zh: '不能停用最后一位在用的市工信局管理员', en: 'You cannot deactivate the last active bureau administrator' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '该请求标识已用于另一内容的提交', en: 'This idempotency key was used for a different request' },
  REQUEST_IN_PROGRESS: { status: 409, zh: '相同的提交正在处理中，请稍候刷新查看结果', en: 'The same request is still being processed; reload shortly to see the result' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please slow down' },
  BAD_URL: { status: 400, zh: '网址格式不正确（编码有误）', en: 'The address (URL) is malformed' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  INVALID_ENCODING: { status: 400, zh: '提交的内容不是有效的 UTF-8 文本', en: 'The request body is not valid UTF-8 text' },
  // Delegation and provider accountability
  OWNER_ONLY: { status: 403, zh: '只有企业主账号（负责人）可以办理授权和撤销授权', en: "Only the enterprise's owner account may grant or revoke authorisations" },
  MEASURE_CONFLICT: { status: 409, zh: '该服务商已有生效中的同类措施，或该措施已解除', en: 'The provider already has this measure in force, or the measure was already lifted' },
  // Money (stages 7–8)
  SUBSIDY_NOT_ELIGIBLE: { status: 422, zh: '该项目不符合奖补申报条件', en: 'This project may not apply for the subsidy' },
  POLICY_NOT_IN_FORCE: { status: 422, zh: '申报当日没有生效的奖补政策，请联系市工信局', en: 'No subsidy policy is in force today; contact the bureau' },
  POLICY_PUBLISHED: { status: 409, zh: '已发布的政策版本不能修改，请新建版本', en: 'A published policy version cannot change; create a new version' },
  AMOUNT_ABOVE_SUGGESTION: { status: 422, zh: '审定金额不能超过系统建议金额', en: 'The approved amount cannot exceed the suggested amount' },
  AMOUNT_ABOVE_MAXIMUM: { status: 422, zh: '金额超过政策规定的上限', en: 'The amount exceeds the policy maximum' },
  NOTHING_PAYABLE: { status: 422, zh: '按政策计算应拨付金额为0元，无需审定', en: 'By the policy nothing is payable (0 yuan); there is nothing to approve' },
  BUDGET_EXCEEDED: { status: 409, zh: '预算池余额不足，本笔资金未占用预算', en: 'The budget pool cannot cover this amount; nothing was committed' },
  POOL_NOT_FOUND: { status: 422, zh: '所选预算池不存在', en: 'The chosen budget pool does not exist' },
  POOL_EXISTS: { status: 409, zh: '该年度该资金来源的预算池已存在', en: 'A budget pool for this year and fund source already exists' },
  POOL_TOTAL_BELOW_COMMITTED: { status: 409, zh: '预算总额不能低于已占用金额', en: 'A pool total cannot be below what is already committed' },
  POLICY_NOT_DRAFT: { status: 409, zh: '该政策版本不是草稿，不能进行此操作', en: 'This policy version is not a draft' },
  BANK_KEY_MISSING: { status: 503, zh: '银行账户加密密钥未配置，请联系系统管理员', en: 'The bank-account encryption key is not configured; contact the administrator' },
  EXPERT_NOT_ASSIGNED: { status: 404, zh: '未找到该评审任务，或您无权查看', en: 'Not found, or you may not see it' },
  CONFLICT_DECLARATION_REQUIRED: { status: 422, zh: '评审前请先声明与该项目无利益冲突', en: 'Declare that you have no conflict of interest before you review' },
  OBJECTION_WINDOW_CLOSED: { status: 422, zh: '公示期已结束，异议不再受理', en: 'The publicity period is over; objections are no longer accepted' },
  OBJECTION_ANONYMOUS: { status: 422, zh: '异议须署真实姓名并留联系方式，匿名异议不予受理', en: 'An objection needs a real name and contact details; anonymous objections are not accepted' },
  CERTIFICATE_NOT_FOUND: { status: 404, zh: '未找到该核验码对应的证书，请核对后重试', en: 'No certificate has this verification code; check it and retry' },
  // File store (uploads)
  FILE_TOO_LARGE: { status: 413, zh: '文件超过大小上限', en: 'The file is larger than allowed' },
  FILE_TYPE_REFUSED: { status: 415, zh: '不接受此类文件：仅接受 PDF、JPG、PNG、Word（DOCX）和 Excel（XLSX）文件，按文件内容判断', en: 'This kind of file is not accepted: only PDF, JPG, PNG, Word (DOCX) and Excel (XLSX) files, judged by their content' },
  DB_UNAVAILABLE: { status: 503, zh: '数据库暂时无法访问，请稍后重试；您已保存的内容不受影响', en: 'The database is temporarily unavailable; please retry shortly. What you saved is safe' },
  INTERNAL: { status: 500, zh: '系统繁忙，请稍后再试；您已保存的内容不受影响', en: 'Something went wrong; please retry. What you saved is safe' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly text: Text;
  readonly details: unknown;

  constructor(code: ErrorCode, opts: { message?: Text; details?: unknown } = {}) {
    const def = ERROR_CODES[code];
    const text = opts.message ?? { zh: def.zh, en: def.en };
    super(text.en);
    this.code = code;
    this.status = def.status;
    this.text = text;
    this.details = opts.details ?? null;
  }
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}
