import { describe, expect, it } from 'vitest';
import { configFromYaml } from './load-config.js';

describe('configFromYaml', () => {
  it('fills defaults for an empty file and freezes the result', () => {
    const config = configFromYaml('');
    expect(config.ingest.format).toBe('auto');
    expect(config.ingest.apiKeyParams).toContain('api_key');
    expect(Object.isFrozen(config.ingest)).toBe(true);
  });

  it('names the offending key when a value has the wrong type', () => {
    expect(() => configFromYaml('ingest:\n  maxLineBytes: lots\n')).toThrow(/ingest\.maxLineBytes/);
  });

  it('rejects unknown keys', () => {
    expect(() => configFromYaml('ingest:\n  formt: nginx\n')).toThrow(/ingest/);
  });

  it('reports YAML syntax errors as invalid config', () => {
    expect(() => configFromYaml('ingest: [unclosed')).toThrow(/not valid YAML/);
  });

  it('accepts trusted proxies as addresses or CIDRs and names one that is neither', () => {
    const ok = configFromYaml("server:\n  trustedProxies: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']\n");
    expect(ok.server.trustedProxies).toHaveLength(4);
    expect(configFromYaml('').server.trustedProxies).toEqual([]);
    expect(() => configFromYaml("server:\n  trustedProxies: ['127.0.0.1', 'proxy.example']\n")).toThrow(
      /server\.trustedProxies\.1: 'proxy\.example' is not an IP address or CIDR/,
    );
    expect(() => configFromYaml("ingest:\n  trustedProxies: ['10.0.0.0/33']\n")).toThrow(/ingest\.trustedProxies\.0/);
  });
});
