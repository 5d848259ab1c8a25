/** Settings of the detect stage. Owned by the detect stage; see docs/configuration.md. */
import { type Static, Type } from '@sinclair/typebox';

export const DetectConfigSchema = Type.Object({}, { default: {}, additionalProperties: false });
export type DetectConfig = Static<typeof DetectConfigSchema>;
