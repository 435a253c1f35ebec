/**
 * Messages of the choice area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `choice`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuLetters: '推荐函',
  menuLetterReview: '推荐函审核',
};

export const en: typeof zh = {
  menuLetters: 'Recommendation letters',
  menuLetterReview: 'Letters to review',
};
