/** The pool's policy: plain logic with an injectable clock, no processes, no sockets. */
export * from './clock';
export * from './backoff';
export * from './breaker';
export * from './selection';
export * from './restart-policy';
export * from './slot-machine';
export * from './daemon-answer';
export * from './hedge';
export * from './fan-out';
export * from './latency';
export * from './event-log';
export * from './history';
export * from './request-plan';
