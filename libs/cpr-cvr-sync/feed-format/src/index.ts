export * from './feed-event';
export * from './record-layout';
export * from './feed-record-reader';
export * from './feed-record-writer';
export * from './feed-json-event';
export * from './feed-lines';
export * from './feed-event.builders';
export * from './feed-progress';
