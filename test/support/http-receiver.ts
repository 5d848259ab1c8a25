/**
 * A real HTTP receiver on 127.0.0.1 for alert tests: records every request (headers and body), checks
 * the Rampart webhook signature when given the secret, and answers from a script (e.g. 500, then 429
 * with Retry-After, then 200) so retries can be exercised. Plays Slack, Teams, Discord or a webhook.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../packages/server/src/notify/webhook/webhook-signature.js';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Signature verdict when the receiver has a secret; undefined otherwise. */
  readonly signatureValid: boolean | undefined;
  /** Status the receiver answered. */
  readonly status: number;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface TestHttpReceiver {
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  /** Answers used in order for the next requests; after them, 200 "ok". */
  script(answers: readonly ScriptedAnswer[]): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startHttpReceiver(options: { secret?: string; path?: string } = {}): Promise<TestHttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let answers: ScriptedAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = answers.shift() ?? { status: 200, body: 'ok' };
      const signatureValid =
        options.secret === undefined
          ? undefined
          : verifySignature(
              options.secret,
              {
                signature: req.headers['x-rampart-signature'] as string | undefined,
                timestamp: req.headers['x-rampart-timestamp'] as string | undefined,
              },
              body,
              Math.floor(Date.now() / 1000),
            );
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        signatureValid,
        status: answer.status,
      });
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.path ?? '/hook'}`,
    port,
    requests,
    script(next) {
      answers = [...next];
    },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} request(s), got ${requests.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
