/**
 * Messages of the benchmarks area (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them under the
 * key `benchmarks`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  menuBenchmarkReview: '标杆评审',
};

export const en: typeof zh = {
  menuBenchmarkReview: 'Benchmark review',
};
