import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';

const LINE =
  '{"ClientAddr":"203.0.113.9:39496","ClientHost":"203.0.113.9","ClientPort":"39496","ClientUsername":"-","DownstreamContentSize":357,"DownstreamStatus":404,"Duration":357313,"OriginStatus":404,"RequestAddr":"test.example.com","RequestHost":"test.example.com","RequestMethod":"GET","RequestPath":"/.env?x=1","RequestProtocol":"HTTP/1.1","StartUTC":"2021-12-08T14:02:43.587782192Z","level":"info","msg":"","request_User-Agent":"Nuclei - Open-source project","request_X-Api-Key":"tk_9","time":"2021-12-08T14:02:43Z"}';

describe('traefik', () => {
  it('reads ClientHost, RequestPath with query, nanosecond Duration and request_ headers', () => {
    expect(createParser('traefik', {}).parse(LINE, 't', 1)).toMatchObject({
      kind: 'event',
      event: {
        ts: Date.UTC(2021, 11, 8, 14, 2, 43, 587),
        ip: '203.0.113.9',
        host: 'test.example.com',
        path: '/.env',
        query: 'x=1',
        status: 404,
        bytes: 357,
        requestTime: 0.000357313,
        userAgent: 'Nuclei - Open-source project',
        user: undefined,
        apiKey: 'tk_9',
      },
    });
  });

  it('reads Traefik JSON from a containerd (CRI) pod log line', () => {
    const r = createParser('traefik', {}).parse(`2021-12-08T14:02:43.6Z stdout F ${LINE}`, 't', 1);
    expect(r).toMatchObject({ kind: 'event', event: { ip: '203.0.113.9' } });
  });
});
