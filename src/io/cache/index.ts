/** The persistent evaluation cache's store (docs/cache.md): cacache under a directory, JSON values, a size limit. */
export { EvaluationStore, cacheSettings, directoryBytes, storeBytes, storeDamage, indexBucketPath, DEFAULT_CACHE_MAX_MB, type CacheInfo, type CacheSettings } from './store.js';
export { DeferredStore } from './deferred.js';
export { encodeJson, decodeJson } from './json.js';
