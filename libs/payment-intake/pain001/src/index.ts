export * from './pain001.model';
export * from './pain001-format.error';
export * from './pain001-reader';
export * from './pain001-writer';
export * from './payment-rejection';
export * from './validate-payment';
export * from './check-bundle';
export * from './pain001.builders';
