/**
 * Plugin registries are explicit arrays of factories. Looking up an unknown id fails with the list of the
 * known ones.
 */
import { RampartError } from './errors.js';

export interface PluginFactory {
  readonly id: string;
  readonly description: string;
}

export function findPlugin<F extends PluginFactory>(registry: readonly F[], id: string, kind: string): F {
  const found = registry.find((f) => f.id === id);
  if (found) return found;
  const known = registry.map((f) => f.id).join(', ');
  throw new RampartError('UNKNOWN_PLUGIN', `unknown ${kind} '${id}'; known ${kind}s: ${known}`);
}
