/** API tests: three fixed tokens, one per scope they exercise, and the authenticator that knows them. */
import type { Principal, Scope, TokenAuthenticator } from '../auth.js';

export const TEST_TOKENS: Readonly<Record<string, readonly Scope[]>> = {
  'ingest-token': ['ingest'],
  'read-token': ['read'],
  'admin-token': ['admin'],
};

export const testTokenAuth: TokenAuthenticator = {
  authenticate: async (t) => {
    const scopes = TEST_TOKENS[t];
    return scopes ? ({ name: t, scopes: new Set(scopes) } satisfies Principal) : undefined;
  },
};
