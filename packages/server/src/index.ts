/** Public surface of @rampart/server (for tests and embedding). */
export { main } from './cli/main.js';
export * from './store/contract/state-store.js';
export * from './store/sqlite/sqlite-state-store.js';
export * from './store/report-approval.js';
export * from './store/auto-ban.js';
export * from './export/contract.js';
export * from './export/registry.js';
export * from './export/crowdsec/lapi-handler.js';
