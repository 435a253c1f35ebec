/**
 * Messages of the providers area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `providers`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuDelegations: '授权管理',
  menuClients: '我的客户',
  menuOversight: '服务商管理',
  menuStanding: '服务评价与整改',
};

export const en: typeof zh = {
  menuDelegations: 'Authorisations',
  menuClients: 'My clients',
  menuOversight: 'Providers',
  menuStanding: 'Ratings and measures',
};
