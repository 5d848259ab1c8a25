/**
 * The webhook URL guard at config load (URL text) and at send time (every address the host resolves
 * to, through a DNS responder on loopback): metadata, loopback, link-local and private targets and
 * non-http schemes are refused, naming the config key; the request goes to the address that was checked.
 */
import { Resolver } from 'node:dns/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../../packages/server/src/notify/dispatcher.js';
import type { HostResolver } from '../../packages/server/src/notify/url-guard.js';
import type { StateStore } from '../../packages/server/src/store/contract/state-store.js';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import { alertsConfig, openState, report, tempStatePath } from './alerts-fixture.js';

let dns: TestDnsServer;
let receiver: TestHttpReceiver;
let store: StateStore;
afterEach(async () => {
  await dns?.close();
  await receiver?.close();
  await store?.close();
});

function dnsResolver(server: TestDnsServer): HostResolver {
  const r = new Resolver({ timeout: 1000, tries: 1 });
  r.setServers([server.address]);
  return async (host) => {
    const v4 = await r.resolve4(host).catch(() => [] as string[]);
    const v6 = await r.resolve6(host).catch(() => [] as string[]);
    return [...v4, ...v6];
  };
}

const create = (url: string, allowPrivateTargets: boolean, resolve?: HostResolver) =>
  createAlertDispatcher(
    alertsConfig({
      allowPrivateTargets,
      channels: [{ id: 'hook', type: 'webhook', url }],
      retry: { baseSeconds: 0.05 },
    }),
    { stateStore: store, ...(resolve ? { resolve } : {}) },
  );

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('alert URL guard', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', true, '169.254.169.254 is a cloud metadata address'],
    ['http://[fd00:ec2::254]/', true, 'fd00:ec2::254 is a cloud metadata address'],
    ['http://127.0.0.1:9/hook', false, '127.0.0.1 is loopback'],
    ['http://[::1]/hook', false, '::1 is loopback'],
    ['http://localhost/hook', false, 'localhost is loopback'],
    ['http://169.254.10.1/', false, '169.254.10.1 is link-local'],
    ['https://10.1.2.3/', false, '10.1.2.3 is private'],
    ['http://0.0.0.0/', false, '0.0.0.0 is unspecified'],
    ['file:///etc/passwd', true, "scheme 'file' is not allowed (http or https only)"],
    ['gopher://example.com/', true, "scheme 'gopher' is not allowed"],
    ['not a url', true, 'not a valid URL'],
  ])('refuses %s at config load (allowPrivateTargets %s)', (url, allow, reason) => {
    store = openState(':memory:');
    expect(() => create(url, allow)).toThrow(`alerts.channels.0.url: refused: ${reason}`);
  });

  it('names every bad key at once: missing URL, missing SMTP recipients, secrets on the wrong type', () => {
    store = openState(':memory:');
    const config = alertsConfig({
      channels: [
        { id: 'a', type: 'slack' },
        { id: 'b', type: 'email', smtp: { host: 'mail.example', from: 'r@example.org' } },
        { id: 'c', type: 'discord', url: 'https://discord.example/api/webhooks/1', secret: 'x'.repeat(20) },
        { id: 'a', type: 'webhook', url: 'https://hooks.example/', secretFile: '/nonexistent/secret' },
      ],
    });
    let message = '';
    try {
      createAlertDispatcher(config, { stateStore: store });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('alerts.channels.0.url: a slack channel needs url or urlFile');
    expect(message).toContain('alerts.channels.1.smtp.to: an e-mail channel needs at least one recipient');
    expect(message).toContain('alerts.channels.2.secret: only webhook channels are signed');
    expect(message).toContain("alerts.channels.3.id: duplicate channel id 'a'");
    expect(message).toContain('alerts.channels.3.secretFile: cannot read /nonexistent/secret (ENOENT)');
  });

  it('refuses at send time a host name that resolves to a private or metadata address', async () => {
    dns = await startDnsServer({
      'A hooks.internal.test': ['10.0.0.5'],
      'A mixed.test': ['192.0.2.80', '192.168.1.20'],
      'AAAA meta6.test': ['fd00:ec2::254'],
    });
    store = openState(tempStatePath());
    const resolve = dnsResolver(dns);
    const d = createAlertDispatcher(
      alertsConfig({
        allowPrivateTargets: false,
        channels: [
          { id: 'internal', type: 'webhook', url: 'http://hooks.internal.test/hook' },
          { id: 'mixed', type: 'slack', url: 'https://mixed.test/services/x' },
          { id: 'meta6', type: 'webhook', url: 'http://meta6.test/' },
          { id: 'nxdomain', type: 'webhook', url: 'http://nothing-here.test/' },
        ],
      }),
      { stateStore: store, resolve },
    );
    d.emit({ type: 'report.created', report: report('r1') });
    await until(() => d.deliveryLog().length === 4 && d.deliveryLog().every((r) => r.status === 'failed'));
    await d.close();
    const err = Object.fromEntries(d.deliveryLog().map((r) => [r.channel, r.lastError]));
    expect(err.internal).toBe('target refused: hooks.internal.test resolves to 10.0.0.5 is private');
    expect(err.mixed).toBe('target refused: mixed.test resolves to 192.168.1.20 is private');
    expect(err.meta6).toBe('target refused: meta6.test resolves to fd00:ec2::254 is a cloud metadata address');
    expect(err.nxdomain).toBe('target refused: nothing-here.test has no addresses');
    expect(dns.queries).toContain('A hooks.internal.test');
  });

  it('connects to the checked address and keeps the host name in the Host header', async () => {
    receiver = await startHttpReceiver();
    dns = await startDnsServer({ 'A receiver.test': ['127.0.0.1'] });
    store = openState(tempStatePath());
    const d = create(`http://receiver.test:${receiver.port}/hook`, true, dnsResolver(dns));
    d.emit({ type: 'report.created', report: report('r1') });
    const [req] = await receiver.waitFor(1);
    await d.close();
    expect(req?.headers.host).toBe(`receiver.test:${receiver.port}`);
  });
});
