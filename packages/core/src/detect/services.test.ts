import { describe, expect, it } from 'vitest';
import { configFromObject } from '../config/load-config.js';
import { createServiceMatcher } from './services.js';

describe('createServiceMatcher', () => {
  const config = configFromObject({
    detect: {
      services: [
        { name: 'api', hosts: ['^api\\.example\\.com$'], tolerance: 'strict' },
        { name: 'shop', hosts: ['^(www\\.)?shop\\.'] },
      ],
    },
  }).detect;

  it('matches hosts by regex, first service wins, default otherwise', () => {
    const m = createServiceMatcher(config);
    expect(m.serviceOf('api.example.com')).toBe('api');
    expect(m.serviceOf('API.Example.com')).toBe('api');
    expect(m.serviceOf('www.shop.example')).toBe('shop');
    expect(m.serviceOf('blog.example.com')).toBe('default');
    expect(m.serviceOf('')).toBe('default');
    expect(m.services.map((s) => s.name)).toEqual(['api', 'shop', 'default']);
  });

  it('rejects an invalid host pattern naming the service', () => {
    const bad = configFromObject({ detect: { services: [{ name: 'x', hosts: ['(unclosed'] }] } }).detect;
    expect(() => createServiceMatcher(bad)).toThrow(/detect\.services\.x\.hosts/);
  });

  it('fills defaults for the detect section', () => {
    const d = configFromObject({}).detect;
    expect(d.latenessSeconds).toBe(120);
    expect(d.tolerance).toBe('normal');
    expect(d.services).toEqual([]);
  });
});
