/** Public surface of @rampart/core. Keep this the only barrel. */

export * from './config/decide-config.js';
export * from './config/detect-config.js';
export * from './config/enrich-config.js';
export * from './config/ingest-config.js';
export * from './config/load-config.js';
export * from './config/schema.js';
export * from './decide/list-entry.js';
export * from './decide/recommend.js';
export * from './detect/finding.js';
export * from './errors.js';
export * from './event/enriched-event.js';
export * from './event/request-event.js';
export * from './net/cidr.js';
export * from './net/ip-address.js';
export * from './parsers/parser.js';
export * from './plugin.js';
export * from './detect/services.js';
