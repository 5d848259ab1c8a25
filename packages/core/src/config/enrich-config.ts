/** Settings of the enrich stage. Owned by the enrich stage; see docs/configuration.md. */
import { type Static, Type } from '@sinclair/typebox';

export const EnrichConfigSchema = Type.Object({}, { default: {}, additionalProperties: false });
export type EnrichConfig = Static<typeof EnrichConfigSchema>;
