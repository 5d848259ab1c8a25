/**
 * A tiny authoritative DNS responder on 127.0.0.1 (UDP) for tests: answers PTR, A and AAAA from a table,
 * NXDOMAIN for unknown names, and stays silent for names marked 'drop' (to exercise timeouts). It speaks
 * just enough RFC 1035 for Node's resolver (c-ares); it is not a general DNS server.
 */
import { createSocket, type Socket } from 'node:dgram';
import { parseIp, ptrName } from '@rampart/core';

export { ptrName };

export type DnsRecordType = 'PTR' | 'A' | 'AAAA';
/** Keyed by `${type} ${name}` (lower case, no trailing dot); 'drop' means never answer. */
export type DnsTable = Record<string, readonly string[] | 'drop'>;

const TYPE_CODES: Record<number, DnsRecordType> = { 12: 'PTR', 1: 'A', 28: 'AAAA' };
const CODE_OF: Record<DnsRecordType, number> = { PTR: 12, A: 1, AAAA: 28 };

export interface TestDnsServer {
  readonly address: string;
  readonly port: number;
  /** Queries received, as `${type} ${name}`. */
  readonly queries: string[];
  close(): Promise<void>;
}

export async function startDnsServer(table: DnsTable): Promise<TestDnsServer> {
  const socket: Socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    const q = readQuestion(msg);
    if (!q) return;
    const type = TYPE_CODES[q.qtype];
    const key = `${type ?? q.qtype} ${q.name}`;
    queries.push(key);
    const answers = table[key];
    if (answers === 'drop') return;
    const known = answers !== undefined || Object.keys(table).some((k) => k.endsWith(` ${q.name}`));
    const reply = buildReply(msg, q.end, type, answers ?? [], known ? 0 : 3);
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function readQuestion(msg: Buffer): { name: string; qtype: number; end: number } | undefined {
  if (msg.length < 17) return undefined;
  const labels: string[] = [];
  let i = 12;
  while (i < msg.length && msg[i] !== 0) {
    const len = msg[i]!;
    labels.push(msg.toString('latin1', i + 1, i + 1 + len));
    i += len + 1;
  }
  if (i + 5 > msg.length) return undefined;
  return { name: labels.join('.').toLowerCase(), qtype: msg.readUInt16BE(i + 1), end: i + 5 };
}

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter((p) => p !== '');
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])),
    Buffer.from([0]),
  ]);
}

function rdata(type: DnsRecordType, value: string): Buffer {
  if (type === 'PTR') return encodeName(value);
  const p = parseIp(value);
  if (!p) throw new Error(`bad address in DNS table: ${value}`);
  if (type === 'A') return Buffer.from(p.text.split('.').map(Number));
  return Buffer.from((p.value as bigint).toString(16).padStart(32, '0'), 'hex');
}

function buildReply(
  query: Buffer,
  questionEnd: number,
  type: DnsRecordType | undefined,
  answers: readonly string[],
  rcode: number,
): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  const rd = query[2]! & 1;
  header.writeUInt16BE(0x8400 | (rd << 8) | 0x80 | rcode, 2); // QR, AA, RD echoed, RA
  header.writeUInt16BE(1, 4);
  const records = type
    ? answers.map((value) => {
        const data = rdata(type, value);
        const rr = Buffer.alloc(12);
        rr.writeUInt16BE(0xc00c, 0); // pointer to the question name
        rr.writeUInt16BE(CODE_OF[type], 2);
        rr.writeUInt16BE(1, 4); // IN
        rr.writeUInt32BE(300, 6);
        rr.writeUInt16BE(data.length, 10);
        return Buffer.concat([rr, data]);
      })
    : [];
  header.writeUInt16BE(records.length, 6);
  return Buffer.concat([header, query.subarray(12, questionEnd), ...records]);
}
