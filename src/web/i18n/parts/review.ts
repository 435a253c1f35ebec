/**
 * Messages of the review area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `review`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuSubsidyReviewQueue: '奖补审核',
  menuDecisionBatches: '审议批次',
  menuDecisionBatch: '审议批次详情',
};

export const en: typeof zh = {
  menuSubsidyReviewQueue: 'Subsidy review',
  menuDecisionBatches: 'Decision batches',
  menuDecisionBatch: 'Decision batch',
};
