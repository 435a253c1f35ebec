/**
 * Messages of the contract area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `contract`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuArchive: '一企一档',
};

export const en: typeof zh = {
  menuArchive: 'Enterprise archive',
};
