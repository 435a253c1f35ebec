/**
 * Messages of the implementation area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `implementation`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {

};

export const en: typeof zh = {

};
