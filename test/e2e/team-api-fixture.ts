/**
 * `rampart serve` started in this process (startServer: the real stores in a temporary data directory,
 * the real HTTP API on a loopback socket) for the team API tests, with helpers that go through the API
 * the way the dashboard does: invite, accept the link, log in with e-mail and password (cookie + CSRF
 * token), and call routes with that session or with a bearer token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { configFromObject } from '@rampart/core';
import { type RunningServer, startServer } from '../../packages/server/src/serve/server.js';
import { readAnswer } from './serve-harness.js';

export interface TeamServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly adminToken: string;
  readonly logs: string[];
  close(): Promise<void>;
}

export async function startTeamServer(config: Record<string, unknown> = {}): Promise<TeamServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-team-api-'));
  const logs: string[] = [];
  const server = await startServer({
    config: configFromObject(config),
    dataDir: join(dir, 'data'),
    host: '127.0.0.1',
    port: 0,
    demo: false,
    io: { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: dir },
    version: 'test',
    log: (line) => logs.push(line),
  });
  return {
    server,
    url: server.url,
    adminToken: server.adminToken ?? '',
    logs,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Who calls: nobody, a bearer token, or a log-in session (cookie and CSRF token). */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'session'; readonly cookie: string; readonly csrf: string };

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field with expect.
  readonly json: any;
  readonly headers: Headers;
}

export async function call(
  s: Pick<TeamServer, 'url'>,
  caller: Caller,
  method: string,
  path: string,
  body?: unknown,
  options: { csrf?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'user-agent': 'team-api-test' };
  if (caller.kind === 'token') headers.authorization = `Bearer ${caller.token}`;
  if (caller.kind === 'session') {
    headers.cookie = `rampart_session=${caller.cookie}`;
    if (options.csrf !== false) headers['x-csrf-token'] = caller.csrf;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  return readAnswer(res);
}

/** The session cookie's value from a Set-Cookie answer. */
export function cookieOf(headers: Headers): string {
  const set = headers.get('set-cookie') ?? '';
  const m = /rampart_session=([^;]*)/.exec(set);
  if (!m) throw new Error(`no session cookie in ${JSON.stringify(set)}`);
  return m[1]!;
}

export const tokenOfLink = (link: string): string => link.slice(link.indexOf('#token=') + 7);

/** Logs in with e-mail and password; throws unless it worked. */
export async function logInAs(s: Pick<TeamServer, 'url'>, email: string, password: string): Promise<Caller> {
  const res = await call(s, { kind: 'anonymous' }, 'POST', '/api/v1/session', { email, password });
  if (res.status !== 200) throw new Error(`log-in of ${email}: ${res.status} ${JSON.stringify(res.json)}`);
  return { kind: 'session', cookie: cookieOf(res.headers), csrf: res.json.csrf };
}

/** Invites `email` with `role` as `admin`, accepts the link with `password`, and logs in. */
export async function addPerson(
  s: Pick<TeamServer, 'url'>,
  admin: Caller,
  email: string,
  role: string,
  password: string,
): Promise<Caller> {
  const invited = await call(s, admin, 'POST', '/api/v1/users', { email, role });
  if (invited.status !== 201) throw new Error(`invite ${email}: ${invited.status} ${JSON.stringify(invited.json)}`);
  const token = tokenOfLink(invited.json.inviteUrl);
  const accepted = await call(s, { kind: 'anonymous' }, 'POST', '/api/v1/invitations/accept', { token, password });
  if (accepted.status !== 200) throw new Error(`accept ${email}: ${accepted.status}`);
  return logInAs(s, email, password);
}
