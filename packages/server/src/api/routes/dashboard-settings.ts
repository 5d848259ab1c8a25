/**
 * GET /api/v1/settings: the detection and decision settings in effect (services with their hosts and
 * tolerance, detector settings, automatic-ban rules, escalation, simulation thresholds), read-only, for the
 * dashboard's Settings view. Only the detect and decide sections: they hold no secrets.
 */
import type { RampartConfig } from '@rampart/core';
import type { FastifyPluginAsync } from 'fastify';

export function dashboardSettingsRoutes(config: RampartConfig): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/settings',
      {
        config: { permission: 'settings:read' },
        schema: { tags: ['settings'], summary: 'Detection and decision settings in effect (read-only)' },
      },
      async () => ({ detect: config.detect, decide: config.decide }),
    );
  };
}
