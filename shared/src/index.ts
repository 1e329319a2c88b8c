export * from './errors';
export * from './events';
export * from './health';
export * from './run';
export * from './span';
export * from './strategy';
export * from './units';
export * from './workload';
