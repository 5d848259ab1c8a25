import { describe, expect, it } from 'vitest';
import { checkAlertsConfig } from './alerts-config.js';
import { configFromYaml } from './load-config.js';

describe('alerts config section', () => {
  it('fills defaults when the section is absent', () => {
    const c = configFromYaml('');
    expect(c.alerts).toMatchObject({
      channels: [],
      allowPrivateTargets: false,
      digest: { windowSeconds: 300, threshold: 5 },
    });
    expect(c.alerts.retry).toMatchObject({ maxAttempts: 8, baseSeconds: 5 });
  });

  it('names the bad key for a wrong type or an unknown field', () => {
    const yaml = `alerts:\n  channels:\n    - id: ops\n      type: pager\n      url: https://x.example/\n  rateLimit: { perMinute: 0 }\n`;
    expect(() => configFromYaml(yaml)).toThrow(/alerts\.channels\.0\.type/);
    expect(() => configFromYaml(yaml)).toThrow(/alerts\.rateLimit\.perMinute/);
    expect(() =>
      configFromYaml('alerts:\n  channels:\n    - { id: a, type: slack, url: "https://x", colour: red }\n'),
    ).toThrow(/alerts\.channels\.0/);
  });

  it('accepts a full channel list and checks what depends on the type', () => {
    const c = configFromYaml(
      [
        'alerts:',
        '  channels:',
        '    - { id: slack-ops, type: slack, urlFile: /run/secrets/slack-url, filters: { minScore: 0.8, events: [report.created] } }',
        '    - { id: hook, type: webhook, url: "https://siem.example/in", secretFile: /run/secrets/hook }',
        '    - id: mail',
        '      type: email',
        '      smtp: { host: smtp.example.org, port: 465, tls: implicit, from: rampart@example.org, to: [soc@example.org] }',
      ].join('\n'),
    );
    expect(c.alerts.channels.map((x) => x.type)).toEqual(['slack', 'webhook', 'email']);
    expect(c.alerts.channels[2]?.smtp?.rejectUnauthorized).toBe(true);
    expect(checkAlertsConfig(c.alerts)).toEqual([]);
    const bad = configFromYaml('alerts:\n  channels:\n    - { id: m, type: email, url: "https://x.example" }\n');
    expect(checkAlertsConfig(bad.alerts)).toEqual([
      'alerts.channels.0.smtp: an e-mail channel needs smtp settings',
      'alerts.channels.0.url: e-mail channels take no url',
    ]);
  });
});
