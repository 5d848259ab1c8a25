/**
 * Every rule file is fed to the real tool that will load it: iptables-restore/ip6tables-restore --test,
 * ipset restore into throwaway sets in the kernel, nft -c, nginx -t, haproxy -c and apache2 -t with minimal
 * configs that include the file. The ban list carries hostile values; none may reach any file. Where a
 * tool is missing or the kernel is out of reach the test is skipped and its name says why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCidr } from '@rampart/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportContext } from '../../packages/server/src/export/contract.js';
import { EXPORTERS, findExporter } from '../../packages/server/src/export/registry.js';
import { allowList, banList, HOSTILE, HOSTILE_MARKERS, NOW, RESOLVER } from './export-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-export-'));
const prefix = `rt${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`.slice(0, 12);
const ctx: ExportContext = { now: NOW, resolver: RESOLVER, setPrefix: prefix, allow: allowList() };

function run(cmd: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
  return { code: r.error ? -1 : r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}
const has = (bin: string) => run('sh', ['-c', `command -v ${bin}`]).code === 0;

function write(id: string, name: string, extra: Partial<ExportContext> = {}): string {
  const file = join(dir, name);
  writeFileSync(file, findExporter(id).render(banList(), { ...ctx, ...extra }).text);
  return file;
}

function expectOk(r: { code: number | null; out: string }) {
  expect(r.out, r.out).not.toMatch(/error|invalid|unknown/i);
  expect(r.code, r.out).toBe(0);
}

// Probes: each tool must be installed and (for the netfilter ones) allowed to talk to the kernel, which
// needs CAP_NET_ADMIN; an unprivileged container has the binaries but not the capability.
const probeFile = join(dir, 'probe.rules');
writeFileSync(probeFile, '*filter\n:RAMPART - [0:0]\nCOMMIT\n');
const iptablesOk = has('iptables-restore') && run('iptables-restore', ['--test', probeFile]).code === 0;
const ip6tablesOk = has('ip6tables-restore') && run('ip6tables-restore', ['--test', probeFile]).code === 0;
const ipsetKernel = has('ipset') && run('ipset', ['list', '-n']).code === 0;
const nftKernel = has('nft') && run('nft', ['list', 'tables']).code === 0;

afterAll(() => {
  if (ipsetKernel) {
    for (const s of ['v4', 'v6', 'throttle-v4', 'throttle-v6', 'allow-v4', 'allow-v6'])
      run('ipset', ['destroy', `${prefix}-${s}`]);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile values', () => {
  it.each(EXPORTERS.map((e) => [e.id]))(
    '%s: no hostile value reaches the file and each is refused with a reason',
    (id) => {
      const r = findExporter(id).render(banList(), ctx);
      for (const m of HOSTILE_MARKERS) expect(r.text).not.toContain(m);
      for (const line of r.text.split('\n')) expect(line).not.toMatch(/^COMMIT.+/);
      for (const [, v] of HOSTILE) {
        expect(r.refused.some((x) => x.value === v && x.reason.length > 0)).toBe(true);
      }
    },
  );

  it.skipIf(!has('iptables-restore'))(
    'control: iptables-restore rejects the injected line the exporter refuses',
    () => {
      const file = join(dir, 'control.rules');
      writeFileSync(file, '*filter\n:RAMPART - [0:0]\n-A RAMPART -s 1.2.3.4; rm -rf / -j DROP\nCOMMIT\n');
      expect(run('iptables-restore', ['--test', file]).code).not.toBe(0);
    },
  );
});

describe('iptables-restore --test (parses and checks matches without changing rules; needs CAP_NET_ADMIN)', () => {
  it.skipIf(!iptablesOk)('accepts the IPv4 chain with RETURN exceptions, DROP and hashlimit rules', () => {
    expectOk(run('iptables-restore', ['--test', write('iptables', 'v4.rules')]));
  });
  it.skipIf(!ip6tablesOk)('accepts the IPv6 chain (ip6tables-restore --test)', () => {
    expectOk(run('ip6tables-restore', ['--test', write('ip6tables', 'v6.rules')]));
  });
});

describe.skipIf(!ipsetKernel || !iptablesOk)(
  'ipset restore into throwaway kernel sets + iptables rules matching them (needs CAP_NET_ADMIN)',
  () => {
    it('loads every network into the sets and the iptables/ip6tables set rules pass --test', () => {
      expectOk(run('ipset', ['restore', '-f', write('ipset', 'sets.ipset')]));
      const v4 = run('ipset', ['list', `${prefix}-v4`]).out;
      expect(v4).toContain('198.51.100.0/24');
      expect(v4).toContain('203.0.113.0/24');
      expect(run('ipset', ['list', `${prefix}-throttle-v6`]).out).toContain('2001:db8:77::/64');
      expect(run('ipset', ['list', `${prefix}-allow-v4`]).out).toContain('198.51.100.50');
      // Reloading replaces the content instead of failing on existing sets.
      expectOk(run('ipset', ['restore', '-f', join(dir, 'sets.ipset')]));
      expectOk(run('iptables-restore', ['--test', write('iptables_ipset', 'v4set.rules')]));
      expectOk(run('ip6tables-restore', ['--test', write('ip6tables_ipset', 'v6set.rules')]));
    });
  },
);

describe.skipIf(ipsetKernel)('ipset without kernel access: syntax-level check of the restore file instead', () => {
  it('has only create/flush/add lines with parsed addresses and the expected set names', () => {
    const text = findExporter('ipset').render(banList(), ctx).text;
    const names = ['v4', 'v6', 'throttle-v4', 'throttle-v6', 'allow-v4', 'allow-v6'].map((n) => `${prefix}-${n}`);
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('# ')) continue;
      const m = /^(create|flush|add) (\S+)(?: (.+))?$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(names).toContain(m![2]);
      if (m![1] === 'create') expect(m![3]).toMatch(/^hash:net family inet6? maxelem \d+ -exist$/);
      if (m![1] === 'add') {
        const [value, flag] = m![3]!.split(' ');
        expect(parseCidr(value!)?.text.startsWith(value!.split('/')[0]!)).toBe(true);
        expect(flag).toBe('-exist');
      }
    }
  });
});

describe.skipIf(!nftKernel)(
  'nftables: nft -c -f, checked by the kernel without committing (needs CAP_NET_ADMIN)',
  () => {
    it('accepts the table with interval sets, auto-merge and the meter rules', () => {
      expectOk(run('nft', ['-c', '-f', write('nftables', 'rampart.nft')]));
    });
    it('accepts an empty ban list too', () => {
      const file = join(dir, 'empty.nft');
      writeFileSync(file, findExporter('nftables').render([], ctx).text);
      expectOk(run('nft', ['-c', '-f', file]));
    });
  },
);

describe.skipIf(!has('nginx'))('nginx -t with a minimal config including the files (needs nginx installed)', () => {
  it('accepts the deny include and the geo map with limit_req', () => {
    const deny = write('nginx_deny', 'deny.conf');
    const geo = write('nginx_geo', 'geo.conf');
    const conf = join(dir, 'nginx.conf');
    const t = (n: string) => join(dir, n);
    writeFileSync(
      conf,
      `pid ${t('nginx.pid')};\nerror_log ${t('nginx-error.log')};\nevents {}\nhttp {\n  access_log off;\n` +
        `  client_body_temp_path ${t('b')}; proxy_temp_path ${t('p')}; fastcgi_temp_path ${t('f')};\n` +
        `  uwsgi_temp_path ${t('u')}; scgi_temp_path ${t('s')};\n  include ${geo};\n` +
        `  server {\n    listen 127.0.0.1:18480;\n    include ${deny};\n    if ($rampart_banned) { return 403; }\n` +
        `    limit_req zone=rampart_throttle burst=20 nodelay;\n    location / { return 204; }\n  }\n}\n`,
    );
    const r = run('nginx', ['-t', '-p', dir, '-c', conf]);
    expect(r.out).toContain('syntax is ok');
    expect(r.code, r.out).toBe(0);
  });
});

describe.skipIf(!has('haproxy'))('haproxy -c with acl … src -f FILE (needs haproxy installed)', () => {
  it('accepts the banned, throttled and allowed (exceptions) ACL files', () => {
    const banned = write('haproxy', 'banned.acl');
    const throttled = write('haproxy', 'throttled.acl', { mode: 'throttle' });
    const allowed = write('haproxy', 'allowed.acl', { mode: 'allow' });
    const cfg = join(dir, 'haproxy.cfg');
    writeFileSync(
      cfg,
      'defaults\n  mode http\n  timeout connect 5s\n  timeout client 5s\n  timeout server 5s\n' +
        `frontend fe\n  bind 127.0.0.1:18481\n  acl banned src -f ${banned}\n  acl throttled src -f ${throttled}\n` +
        `  acl allowed src -f ${allowed}\n` +
        '  stick-table type ipv6 size 100k expire 30s store http_req_rate(10s)\n' +
        '  http-request track-sc0 src if throttled\n' +
        '  http-request deny deny_status 429 if throttled { sc_http_req_rate(0) gt 10 }\n' +
        '  http-request deny deny_status 403 if banned !allowed\n  default_backend be\n' +
        'backend be\n  server s1 127.0.0.1:18482\n',
    );
    const r = run('haproxy', ['-c', '-f', cfg]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/valid/i);
  });
});

const apacheModules = '/usr/lib/apache2/modules';
describe.skipIf(!has('apache2'))('apache2 -t with a minimal config (needs apache2 installed)', () => {
  it('accepts the RequireAll block inside a Location', () => {
    const block = write('apache', 'rampart-apache.conf');
    const conf = join(dir, 'apache2.conf');
    writeFileSync(
      conf,
      `ServerRoot ${dir}\nDefaultRuntimeDir ${dir}\nPidFile ${join(dir, 'apache.pid')}\n` +
        `ErrorLog ${join(dir, 'apache-error.log')}\nServerName localhost\nListen 127.0.0.1:18483\n` +
        `LoadModule mpm_event_module ${apacheModules}/mod_mpm_event.so\n` +
        `LoadModule authz_core_module ${apacheModules}/mod_authz_core.so\n` +
        `LoadModule authz_host_module ${apacheModules}/mod_authz_host.so\n` +
        `<Location />\n  Include ${block}\n</Location>\n`,
    );
    const r = run('apache2', ['-t', '-f', conf]);
    expect(r.out).toContain('Syntax OK');
    expect(r.code, r.out).toBe(0);
  });
});
