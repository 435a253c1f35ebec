/**
 * Messages of the announcements area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `announcements`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  portalPilotEnterprises: '试点企业名单',
  portalFundedProjects: '资助项目公示',
  portalBenchmarksPublic: '标杆车间',
  portalPaymentsPublic: '资金拨付公示',
  portalAnnouncement: '公示详情',
  portalVerifyCertificate: '证书核验',
  menuAnnouncementsAdmin: '公示管理',
  menuObjections: '异议处理',
};

export const en: typeof zh = {
  portalPilotEnterprises: 'Pilot enterprises',
  portalFundedProjects: 'Funded projects',
  portalBenchmarksPublic: 'Benchmark workshops',
  portalPaymentsPublic: 'Payments',
  portalAnnouncement: 'Announcement',
  portalVerifyCertificate: 'Verify a certificate',
  menuAnnouncementsAdmin: 'Announcements',
  menuObjections: 'Objections',
};
