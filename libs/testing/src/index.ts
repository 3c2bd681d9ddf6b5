export * from './services';
export * from './temp-dir';
export * from './poll';
export * from './built-apps';
export * from './decider-spec';
export * from './plan-scenario';
export * from './smtp';
export * from './redis-server';
