/**
 * Messages of the experts area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `experts`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuExpertHome: '评审任务',
  menuExpertReview: '专家评审',
};

export const en: typeof zh = {
  menuExpertHome: 'Review tasks',
  menuExpertReview: 'Expert review',
};
