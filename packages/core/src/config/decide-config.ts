/** Settings of the decide stage. Owned by the decide stage; see docs/configuration.md. */
import { type Static, Type } from '@sinclair/typebox';

export const DecideConfigSchema = Type.Object({}, { default: {}, additionalProperties: false });
export type DecideConfig = Static<typeof DecideConfigSchema>;
