/**
 * Named side effects a transition asks for. The workflow only names them; the server carries each out
 * (idempotently) in the same transaction as the state change. The descriptions document the contract.
 */
import type { Text } from '../text';

export const EFFECTS = {
  assignFilingNo: { zh: '分配备案号（已有备案号的沿用原号）', en: 'Assign a filing number (keep an existing one)' },
  publishFiling: { zh: '在市工信局网站公开备案项目', en: "Publish the filed project on the bureau's site" },
  recordRevision: {
    zh: '将提交内容保存为新的不可修改版本',
    en: 'Store the submitted content as a new immutable revision',
  },
  storeReturnReason: { zh: '记录退回原因并告知申请方', en: 'Store the return reason and show it to the applicant' },
  clearReturnReason: { zh: '清除上次的退回原因', en: 'Clear the previous return reason' },
  assignInstitution: { zh: '记录所分配的服务机构', en: 'Record the assigned institution' },
  unassignInstitution: { zh: '撤销原分配的服务机构', en: 'Remove the previously assigned institution' },
  recordEvidenceRequest: {
    zh: '记录服务机构的佐证材料需求并告知企业',
    en: "Record the institution's evidence request and show it to the enterprise",
  },
  sendReportToEnterprise: {
    zh: '将服务机构上传的报告（含结构化摘要）提交企业确认',
    en: "Send the institution's report (with its structured summary) to the enterprise for confirmation",
  },
  confirmReport: { zh: '企业确认报告（报告随即锁定并提交市工信局）', en: 'The enterprise confirms the report (it is then locked and sent to the bureau)' },
  disputeReport: { zh: '记录企业对报告的异议，退回服务机构修改', en: "Record the enterprise's objection and send the report back to the institution" },
  generateDiagnosisReport: {
    zh: '根据自评测答卷生成企业诊断报告',
    en: 'Generate the diagnosis report from the self-assessment',
  },
  submitReportToBureau: { zh: '将经企业确认的报告提交市工信局', en: 'Submit the confirmed report to the bureau' },
  lockReport: { zh: '锁定已确认的报告，不可再修改', en: 'Lock the confirmed report against changes' },
  enterPilotManagement: { zh: '项目纳入试点管理', en: 'Bring the project into pilot management' },
  markPilotEnterprise: {
    zh: '认定为试点企业（评估达到二级及以上）',
    en: 'Recognise the enterprise as a pilot enterprise (level 2 or above)',
  },
  openSubsidyReview: { zh: '发起奖补审核流程', en: 'Open a subsidy review' },
  cancelSubsidyReview: { zh: '终止进行中的奖补审核', en: 'Cancel the running subsidy review' },
  concludeSubsidyReview: {
    zh: '将审核结论同步到项目（系统触发项目的“奖补审核办结”）',
    en: "Carry the review outcome to the project (the system fires the project's concludeSubsidyReview)",
  },
  startPublicity: { zh: '发布公示并开始异议期', en: 'Publish the publicity notice and open the objection window' },
  freezeSubsidyApplication: {
    zh: '冻结奖补申请：按申报当日有效的政策计算建议金额（逐步说明），保存为不可修改的申报版本',
    en: 'Freeze the application: compute the suggested amount under the policy in force that day (each step in words) and store it as an immutable round',
  },
  approveSubsidyAmount: {
    zh: '审定奖补金额（不超过建议金额）并占用预算（预算池不足则整体不生效）',
    en: 'Approve the amount (at most the suggestion) and commit it against the budget pool (refused whole if the pool cannot cover it)',
  },
  releaseSubsidyCommitment: { zh: '释放该申请已占用的预算', en: 'Release the budget committed to this application' },
  openFinalTranche: {
    zh: '生成完工奖补拨付记录（审定金额减已拨付的预奖补）',
    en: 'Open the final payment tranche (approved amount minus pre-subsidy paid)',
  },
  recordTranchePayment: {
    zh: '登记拨付成功：记入台账（按幂等键只拨付一次）',
    en: 'Record the payment in the ledger (once per idempotency key, never twice)',
  },
  recordTrancheFailure: { zh: '登记拨付失败及原因，可重新发起', en: 'Record the failed payment and why; it can be retried' },
  concludeTranche: {
    zh: '完工奖补拨付后办结项目（系统触发项目的“登记拨付”）',
    en: "Conclude the project once its final tranche is paid (the system fires the project's recordPayment)",
  },
  designateBenchmark: { zh: '记录标杆认定（类型、评审意见）', en: 'Record the benchmark designation (kind, opinion)' },
  publishBenchmark: { zh: '在门户标杆车间页面公布', en: 'Publish on the portal benchmark page' },
  approveBenchmarkAward: {
    zh: '审定标杆奖励（不超过政策上限，已获奖励只补差额）并占用预算',
    en: 'Approve the benchmark award (at most the policy maximum, only the difference over earlier awards) and commit it',
  },
  openBenchmarkTranche: { zh: '生成标杆奖励拨付记录', en: 'Open the benchmark award payment tranche' },
  issueCertificate: {
    zh: '签发试点企业证书（含核验码，可在门户核验）',
    en: 'Issue the pilot-enterprise certificate (with a code the public page verifies)',
  },
  publishPilotEnterprise: { zh: '在市工信局网站公布试点企业', en: "Publish the pilot enterprise on the bureau's site" },
  publishFundedProject: { zh: '在市工信局网站公布获资金支持项目', en: "Publish the funded project on the bureau's site" },
  addToCatalog: { zh: '产品纳入服务商及产品库', en: 'Add the product to the provider catalog' },
  resumeWaitingProjects: {
    zh: '通知等待该产品入库的项目继续',
    en: 'Let the projects waiting for this catalog entry continue',
  },
  recordProviderChoice: { zh: '记录企业选择的服务商及产品', en: "Record the enterprise's choice of provider and product" },
  clearProviderChoice: { zh: '撤销此前选择的服务商', en: 'Clear the previous provider choice' },
  openCatalogEntry: {
    zh: '为未入库的服务商及产品发起推荐函，交所选牵引单位填写',
    en: 'Open a recommendation letter for the market provider and product, for the chosen leading unit to write',
  },
  withdrawCatalogEntry: { zh: '撤销尚未办结的推荐函', en: 'Withdraw the recommendation letter still open' },
  recordContractRevision: {
    zh: '将提交的签约信息保存为新的不可修改版本（与上一版本比较变更）',
    en: 'Store the submitted contract as a new immutable revision (diffed against the previous one)',
  },
  recordProviderRating: { zh: '记录企业对服务商的评价', en: "Record the enterprise's rating of its provider" },
  recordConflictDeclaration: {
    zh: '记录评估人员的无利益冲突声明',
    en: "Record the assessor's declaration of no conflict of interest",
  },
  recordBenchmarkRecommendation: {
    zh: '记录服务机构的数字化车间/智能车间标杆推荐',
    en: "Record the institution's benchmark recommendation (digital or smart workshop)",
  },
  notifySubmitter: { zh: '通知提交入库申请的单位', en: 'Notify the organisation that submitted the catalog entry' },
  notifyProvider: { zh: '通知所选服务商', en: 'Notify the chosen provider' },
  notifyEnterprise: { zh: '通知企业', en: 'Notify the enterprise' },
  notifyBureau: { zh: '通知市工信局', en: 'Notify the bureau' },
  notifyInstitution: { zh: '通知服务机构', en: 'Notify the institution' },
  notifyLeadingUnit: { zh: '通知牵引单位/行业型服务商', en: 'Notify the leading unit' },
  notifyTown: { zh: '通知所在镇街', en: "Notify the enterprise's town office" },
  notifyReviewers: { zh: '通知下一审核环节的人员', en: 'Notify the reviewers of the next step' },
  notifyFinance: { zh: '通知市工信局财务人员', en: 'Notify the bureau finance officer' },
} as const satisfies Record<string, Text>;

export type EffectId = keyof typeof EFFECTS;

export function isEffectId(value: string): value is EffectId {
  return Object.hasOwn(EFFECTS, value);
}
