export * from './target-date';
export * from './domain-error';
export * from './decider';
export * from './action/action.events';
export * from './action/action.commands';
export * from './action/action.state';
export * from './action/action.decider';
export * from './action/action.status';
