/**
 * An HTTP server on 127.0.0.1 for RDAP client tests: serves IANA-style bootstrap files that point the
 * test's address and ASN ranges at three local "registries" (/arin/, /ripe/, /apnic/), and answers `/…/ip/<addr>`
 * from a route table with JSON, redirects, errors, malformed bodies or silence (to exercise timeouts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RdapRoute =
  | { readonly json: unknown; readonly status?: number; readonly headers?: Record<string, string> }
  | { readonly raw: string; readonly status?: number; readonly headers?: Record<string, string> }
  | { readonly redirect: string; readonly status?: 301 | 302 | 307 }
  | { readonly hang: true };

export interface TestRdapServer {
  /** e.g. 'http://127.0.0.1:40123' */
  readonly origin: string;
  /** Request paths in arrival order. */
  readonly hits: string[];
  close(): Promise<void>;
}

/**
 * `bootstrap` maps each registry path ('arin') to its CIDRs and ASN ranges ('15169', '1-1876'); routes are keyed by path
 * ('/arin/ip/8.8.8.8'). Unknown paths answer 404 with an RDAP error object, as registries do.
 */
export async function startRdapServer(
  bootstrap: Record<string, readonly string[]>,
  routes: Record<string, RdapRoute>,
): Promise<TestRdapServer> {
  const hits: string[] = [];
  const sockets = new Set<Socket>();
  let origin = '';
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.push(path);
    const version = /^\/bootstrap\/(ipv4|ipv6|asn)\.json$/.exec(path)?.[1];
    if (version) {
      const kind = (r: string): string => (/^\d+(-\d+)?$/.test(r) ? 'asn' : r.includes(':') ? 'ipv6' : 'ipv4');
      const services = Object.entries(bootstrap)
        .map(([rir, resources]) => [resources.filter((r) => kind(r) === version), [`${origin}/${rir}/`]])
        .filter(([resources]) => (resources as string[]).length > 0);
      send(res, 200, { version: '1.0', publication: '2026-11-01T00:00:00Z', services });
      return;
    }
    const route = routes[path];
    if (!route) {
      send(res, 404, { errorCode: 404, title: 'Not Found', description: ['no network for this address'] });
      return;
    }
    if ('hang' in route) return; // never answer: the client must time out
    if ('redirect' in route) {
      res.writeHead(route.status ?? 301, {
        location: route.redirect.startsWith('/') ? origin + route.redirect : route.redirect,
      });
      res.end();
      return;
    }
    const body = 'raw' in route ? route.raw : JSON.stringify(route.json);
    res.writeHead(route.status ?? 200, { 'content-type': 'application/rdap+json', ...route.headers });
    res.end(body);
  };
  const server = createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/rdap+json' });
  res.end(JSON.stringify(json));
}
