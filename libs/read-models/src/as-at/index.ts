export type { HistoryBasis } from './timeline';
export * from './plan-as-at';
export * from './plan-changes';
