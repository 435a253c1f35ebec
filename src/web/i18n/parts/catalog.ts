/**
 * Messages of the catalog area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `catalog`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuProducts: '我的产品',
  menuReview: '产品入库审核',
  menuPublic: '服务商及产品目录',
};

export const en: typeof zh = {
  menuProducts: 'My products',
  menuReview: 'Catalog review',
  menuPublic: 'Provider catalog',
};
