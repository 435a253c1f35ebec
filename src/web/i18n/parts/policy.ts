/**
 * Messages of the policy area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `policy`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuPolicies: '政策配置',
  menuBudget: '预算与台账',
};

export const en: typeof zh = {
  menuPolicies: 'Subsidy policies',
  menuBudget: 'Budget and ledger',
};
