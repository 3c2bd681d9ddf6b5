export * from './target-date';
