export * from './roles';
export * from './api-token';
export * from './user.events';
export * from './user.decider';
export * from './user-directory';
export * from './users';
export * from './oidc';
export * from './restricted-evidence';
