export * from './date';
export * from './schema';
export * from './calendar';
export { CN_BUILT_IN_YEARS, CN_HOLIDAYS_2026 } from './holidays-cn';
