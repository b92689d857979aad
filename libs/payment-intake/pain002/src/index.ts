export * from './nemkonto-answer';
export * from './pain002-writer';
export * from './pain002-reader';
