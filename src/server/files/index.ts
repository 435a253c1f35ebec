export * from './types';
export { DiskFileStore } from './disk-store';
export { S3FileStore, type S3StoreOptions } from './s3-store';
export * from './config';
export { sanitizeFileName, contentDisposition } from './names';
