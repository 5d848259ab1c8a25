/**
 * Reads the YAML config once at start-up, fills defaults, validates against the schema and returns a
 * deeply frozen object. Messages name the offending key. Nothing else in Rampart reads config files.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { RampartError } from '../errors.js';
import { parseCidr } from '../net/cidr.js';
import { parseIp } from '../net/ip-address.js';
import { ConfigSchema, type RampartConfig } from './schema.js';

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Validates a plain value against a schema, filling defaults; throws INVALID_CONFIG naming every bad key. */
export function validateWithDefaults<S extends TSchema>(schema: S, input: unknown, what: string): unknown {
  const value = Value.Default(schema, structuredClone(input ?? {}));
  const errors = [...Value.Errors(schema, value)];
  if (errors.length > 0) {
    const lines = errors.slice(0, 10).map((e) => {
      const key = e.path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
      return `  ${key}: ${e.message}`;
    });
    throw new RampartError('INVALID_CONFIG', `${what} is invalid:\n${lines.join('\n')}`);
  }
  return value;
}

/** What the schema cannot say: values that must parse as something (addresses, networks). */
function semanticErrors(config: RampartConfig): string[] {
  const errors: string[] = [];
  const networks = (key: string, list: readonly string[]) =>
    list.forEach((p, i) => {
      if (!parseIp(p) && !parseCidr(p, { lenient: true })) {
        errors.push(`  ${key}.${i}: '${p.slice(0, 64)}' is not an IP address or CIDR`);
      }
    });
  networks('ingest.trustedProxies', config.ingest.trustedProxies);
  networks('server.trustedProxies', config.server.trustedProxies);
  return errors;
}

export function configFromObject(input: unknown): RampartConfig {
  const config = validateWithDefaults(ConfigSchema, input, 'configuration') as RampartConfig;
  const errors = semanticErrors(config);
  if (errors.length > 0) throw new RampartError('INVALID_CONFIG', `configuration is invalid:\n${errors.join('\n')}`);
  return deepFreeze(config);
}

export function configFromYaml(text: string, origin = 'config'): RampartConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new RampartError('INVALID_CONFIG', `${origin}: not valid YAML: ${(err as Error).message}`);
  }
  return configFromObject(doc ?? {});
}
