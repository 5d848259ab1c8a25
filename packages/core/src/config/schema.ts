/**
 * The configuration schema: the single source of validation, defaults and the config reference
 * (docs/configuration.md is generated from it). Each stage owns its section.
 */
import { type Static, Type } from '@sinclair/typebox';
import { IngestConfigSchema } from './ingest-config.js';

export const ConfigSchema = Type.Object(
  {
    ingest: IngestConfigSchema,
  },
  { default: {}, additionalProperties: false },
);

export type RampartConfig = Static<typeof ConfigSchema>;
