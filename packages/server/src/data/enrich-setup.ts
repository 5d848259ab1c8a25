/**
 * Builds the enrich stage for CLI commands: reads the config file (`--config` or RAMPART_CONFIG; defaults
 * otherwise), the data dir (`--data`, RAMPART_DATA, `./rampart-data`), loads or builds the IP index and
 * tells the user when it builds one (first use after install or a data-package update).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  configFromObject,
  configFromYaml,
  createEnricher,
  type Enricher,
  type EnricherDeps,
  loadIpIndex,
  MmdbSource,
  type RampartConfig,
  RampartError,
} from '@rampart/core';
import type { CliIo } from '../cli/command.js';
import { resolveDataDir } from '../cli/data-dir.js';

export function loadCliConfig(o: { config?: string }, io: CliIo): RampartConfig {
  const path = o.config ?? io.env.RAMPART_CONFIG;
  if (path === undefined || path === '') return configFromObject({});
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new RampartError('INVALID_CONFIG', `config file ${path}: ${(err as Error).message}`);
  }
  return configFromYaml(text, path);
}

export interface CliEnrichment {
  readonly config: RampartConfig;
  readonly dataDir: string;
  readonly enricher: Enricher;
}

export function createCliEnricher(
  o: { config?: string; data?: string },
  io: CliIo,
  deps: Omit<EnricherDeps, 'dataDir' | 'ipIndex'> = {},
): CliEnrichment {
  const config = loadCliConfig(o, io);
  const dataDir = resolveDataDir(o, io);
  const enrich = config.enrich;
  const needIndex = !(enrich.mmdb.asn && enrich.mmdb.country);
  let ipIndex: EnricherDeps['ipIndex'];
  if (needIndex) {
    const cacheDir = enrich.indexCache ? resolve(io.cwd, enrich.indexCache) : undefined;
    const loaded = loadIpIndex(cacheDir ? { cacheDir } : {});
    if (loaded.from === 'built') {
      io.stderr.write(`rampart: built the IP index in ${(loaded.millis / 1000).toFixed(1)} s (${loaded.path})\n`);
    }
    if (loaded.cacheError) io.stderr.write(`rampart: could not cache the IP index: ${loaded.cacheError}\n`);
    ipIndex = loaded.index;
  }
  // MMDB paths in the config are relative to the working directory of the command.
  const mmdb =
    enrich.mmdb.asn || enrich.mmdb.country
      ? new MmdbSource({
          asn: enrich.mmdb.asn ? resolve(io.cwd, enrich.mmdb.asn) : undefined,
          country: enrich.mmdb.country ? resolve(io.cwd, enrich.mmdb.country) : undefined,
        })
      : undefined;
  const enricher = createEnricher(enrich, {
    ...deps,
    dataDir,
    ...(ipIndex ? { ipIndex } : {}),
    ...(mmdb ? { mmdb } : {}),
  });
  for (const name of enricher.missingFeeds) {
    io.stderr.write(`rampart: feed ${name} has not been downloaded yet (run rampart update-data)\n`);
  }
  return { config, dataDir, enricher };
}
