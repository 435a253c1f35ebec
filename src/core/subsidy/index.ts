export * from './policy';
export * from './types';
export * from './compute';
