/**
 * Messages of the evaluation area in Simplified Chinese (the English texts, with the same keys, are in
 * evaluation.en.ts); zh-CN.ts mounts them under the key `evaluation`. parity.test.ts checks both trees have the same
 * keys.
 */
export const zh = {
  queue: {
    tabWaiting: '待分配评估机构',
    tabAssigned: '评估机构待接收',
    waitingHint: '以下项目已申请成效评估，请分配综合型服务机构：不得是项目的服务商或与其同属一个集团，默认也不得是项目的诊断机构（有冲突的机构不可选并注明原因）。',
    assignedHint: '已分配评估机构、机构尚未声明无利益冲突并接收的项目。需要调整的，打开项目页“重新分配评估机构”。',
    emptyWaiting: '目前没有等待分配评估机构的项目。企业申请成效评估后，将在此列出。',
    emptyAssigned: '没有已分配但尚未接收的评估任务。',
  },
  assign: {
    title: '分配评估机构',
    titleMany: '分配评估机构（{{count}} 个项目）',
    rule: '仅列出综合型服务机构；与所选项目存在利益冲突的机构不可选择。',
    conflict: '不可选择：{{reason}}',
  },
  history: {
    title: '成效评估记录',
    intro: '每次评估均保留记录：评估机构、日期、评估等级、结论和待改进事项；达到二级及以上即为试点企业。',
    before: '改造前（诊断）',
    after: '改造后（评估）',
    none: '暂无评估记录。',
    attempt: '第 {{n}} 次评估',
    institution: '评估机构',
    declaredAt: '无利益冲突声明',
    submittedAt: '报告提交',
    confirmedAt: '企业确认',
    level: '评估等级',
    summary: '评估结论',
    gaps: '待改进事项',
    disputes: '企业异议',
    dispute: '第 {{version}} 版：{{reason}}',
    versions: '报告版本数：{{count}}',
    passed: '已通过（二级及以上）',
    failed: '未达二级，需整改',
    confirmed: '已确认',
    unconfirmed: '待企业确认',
    inProgress: '评估中',
    pending: '本次评估：{{state}}',
    pendingInstitution: '评估机构：{{name}}',
    notDeclared: '机构尚未声明无利益冲突',
    pilot: '试点企业（{{date}}）',
    benchmarks: '标杆推荐',
    benchmarkWorkshop: '推荐为数字化车间',
    benchmarkSmart: '推荐为智能车间',
    benchmarkBy: '{{institution}} · {{date}}',
    pdf: '评估报告 PDF',
    noLevel: '—',
  },
};
