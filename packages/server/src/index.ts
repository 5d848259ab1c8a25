/** Public surface of @rampart/server (for tests and embedding). */
export { main } from './cli/main.js';
export * from './export/contract.js';
export * from './export/crowdsec/lapi-handler.js';
export * from './export/registry.js';
export * from './notify/alert-event.js';
export * from './notify/alert-message.js';
export * from './notify/dispatcher.js';
export * from './notify/email/abuse-report-mail.js';
export * from './notify/outbox.js';
export * from './notify/spike-detector.js';
export * from './notify/url-guard.js';
export * from './notify/webhook/webhook-signature.js';
export * from './store/auto-ban.js';
export * from './store/contract/state-store.js';
export * from './store/report-approval.js';
export * from './store/sqlite/sqlite-state-store.js';
