/** Settings of the ingest stage: which format, how to pick the client address and the API key. */
import { type Static, Type } from '@sinclair/typebox';

export const IngestConfigSchema = Type.Object(
  {
    format: Type.String({
      default: 'auto',
      description: "Log format id (see `rampart formats`), or 'auto' to recognise it from the first lines.",
    }),
    logFormat: Type.Optional(
      Type.String({
        description:
          "Text of an nginx `log_format` directive or an Apache `LogFormat` string, for formats 'nginx' and 'apache'.",
      }),
    ),
    jsonFields: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: "For format 'json': RequestEvent field → JSON path (dotted) in each line.",
      }),
    ),
    trustedProxies: Type.Array(Type.String(), {
      default: [],
      description:
        'Addresses or CIDRs of your own proxies. The client address is the right-most forwarded-for entry not in this list.',
    }),
    apiKeyHeaders: Type.Array(Type.String(), {
      default: ['x-api-key', 'authorization'],
      description: 'Request headers holding an API key (a Bearer token is stored as a short hash).',
    }),
    apiKeyParams: Type.Array(Type.String(), {
      default: ['api_key', 'apikey'],
      description: 'Query parameters holding an API key.',
    }),
    maxLineBytes: Type.Integer({ default: 65536, minimum: 256, description: 'Longer lines are counted and skipped.' }),
  },
  { default: {}, additionalProperties: false },
);
export type IngestConfig = Static<typeof IngestConfigSchema>;
