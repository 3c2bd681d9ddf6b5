export type { HistoryBasis } from './timeline';
export * from './plan-as-at';
export * from './plan-changes';
export type { ActionAsAt, SignedOffLine } from './action-as-at';
