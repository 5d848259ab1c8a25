import { configFromYaml } from '@rampart/core';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { dashboardSettingsRoutes } from './dashboard-settings.js';

describe('GET /api/v1/settings', () => {
  it('answers the detect and decide sections in effect and no other section (alerts hold secrets)', async () => {
    const config = configFromYaml(
      [
        'detect:',
        '  tolerance: strict',
        '  services:',
        '    - name: api',
        "      hosts: ['^api\\.']",
        'decide:',
        '  autoBan:',
        '    - service: api',
        '      minScore: 0.95',
      ].join('\n'),
    );
    const app = Fastify();
    await app.register(dashboardSettingsRoutes(config));
    const res = await app.inject('/api/v1/settings');
    await app.close();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['decide', 'detect']);
    expect(body.detect.tolerance).toBe('strict');
    expect(body.detect.services[0]).toMatchObject({ name: 'api', hosts: ['^api\\.'], tolerance: 'normal' });
    expect(body.decide.autoBan[0]).toMatchObject({ service: 'api', minScore: 0.95, actions: ['ban'] });
  });
});
