export * from './position-tracker';
export * from './live-index';
export * from './plan-index';
export * from './action.view';
export * from './plan.view';
export * from './panel.view';
