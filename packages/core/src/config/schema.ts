/**
 * The configuration schema: the single source of validation, defaults and the config reference
 * (docs/configuration.md). Each stage owns its section file.
 */
import { type Static, Type } from '@sinclair/typebox';
import { AlertsConfigSchema } from './alerts-config.js';
import { DecideConfigSchema } from './decide-config.js';
import { DetectConfigSchema } from './detect-config.js';
import { EnrichConfigSchema } from './enrich-config.js';
import { IngestConfigSchema } from './ingest-config.js';
import { ServerConfigSchema } from './server-config.js';

export const ConfigSchema = Type.Object(
  {
    ingest: IngestConfigSchema,
    enrich: EnrichConfigSchema,
    detect: DetectConfigSchema,
    decide: DecideConfigSchema,
    server: ServerConfigSchema,
    alerts: AlertsConfigSchema,
  },
  { default: {}, additionalProperties: false },
);

export type RampartConfig = Static<typeof ConfigSchema>;
