export * from './syntax';
export * from './latin1-text';
export * from './paymul.model';
export * from './paymul-writer';
export * from './edifact-reader';
export * from './bank-answers';
export * from './bank-pain001';
