export * from './config';
export * from './logger';
export * from './startup';
export * from './tool-version';
