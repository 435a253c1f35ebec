/**
 * Messages of one area of the workbench (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them
 * under the key `notifications`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  title: '通知中心',
};

export const en: typeof zh = {
  title: 'Notifications',
};
