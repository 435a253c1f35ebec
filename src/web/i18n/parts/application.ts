/**
 * Messages of the application area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `application`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuSubsidyApplication: '奖补申请',
};

export const en: typeof zh = {
  menuSubsidyApplication: 'Subsidy application',
};
