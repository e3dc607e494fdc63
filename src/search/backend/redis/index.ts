export { RedisBackend, type RedisBackendOptions } from './coordinator.js';
export { startConsumer, type ConsumerOptions, type RunningConsumer } from './consumer.js';
export { PROTOCOL_VERSION, type JobPayload, type RunFingerprint } from './payload.js';
export { connectionOptions, parseRedisUrl, redactedUrl, redactText, type RedisTarget } from './url.js';
export { checkReachable, START_WAIT_MS } from './reach.js';
