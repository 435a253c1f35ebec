/**
 * Messages of the dashboards area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `dashboards`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuPerformanceReport: '绩效报告',
};

export const en: typeof zh = {
  menuPerformanceReport: 'Performance report',
};
