/** Public surface of @rampart/server (for tests and embedding). */
export { main } from './cli/main.js';
