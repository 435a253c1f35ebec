/**
 * Messages of the money area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `money`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuDisbursements: '资金拨付',
  menuBankAccount: '银行账户',
  menuPaymentPaperwork: '拨付材料',
};

export const en: typeof zh = {
  menuDisbursements: 'Disbursements',
  menuBankAccount: 'Bank account',
  menuPaymentPaperwork: 'Payment paperwork',
};
