export type { HistoryBasis } from './timeline';
export * from './plan-as-at';
export * from './plan-changes';
export type { ActionAsAt } from './action-as-at';
