/**
 * Receives syslog over UDP and TCP (RFC 5424 / 3164, RFC 6587 framing) so that nginx's
 * `access_log syslog:server=host:port` works as is. Each message's payload (the access-log line) is handed
 * on; malformed messages are counted by reason with a few samples, never thrown.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Socket as NetSocket, type Server } from 'node:net';
import { SyslogTcpDecoder } from './syslog-framing.js';
import { parseSyslogMessage, type SyslogMessage } from './syslog-message.js';

export interface SyslogServerOptions {
  readonly host: string;
  /** UDP port; 0 = any free port; undefined = no UDP listener. */
  readonly udpPort?: number;
  readonly tcpPort?: number;
  /** Largest message accepted, bytes. */
  readonly maxMessageBytes?: number;
  /** Most TCP connections at once; more are refused. */
  readonly maxConnections?: number;
  readonly onMessage: (message: SyslogMessage, peer: string, transport: 'udp' | 'tcp') => void;
  readonly onError?: (reason: string, sample: string) => void;
}

export interface SyslogServer {
  readonly udpPort: number | undefined;
  readonly tcpPort: number | undefined;
  readonly stats: { received: number; rejected: number };
  /**
   * TCP flow control: while paused, no connection is read (new ones start paused), so the kernel's buffers
   * fill and senders block — backpressure that reaches nginx or rsyslog. UDP cannot be paused.
   */
  pauseTcp(): void;
  resumeTcp(): void;
  readonly tcpPaused: boolean;
  close(): Promise<void>;
}

export async function startSyslogServer(options: SyslogServerOptions): Promise<SyslogServer> {
  const maxBytes = options.maxMessageBytes ?? 64 * 1024;
  const stats = { received: 0, rejected: 0 };
  const handle = (text: string, peer: string, transport: 'udp' | 'tcp') => {
    const parsed = parseSyslogMessage(text);
    if (parsed.ok) {
      stats.received++;
      options.onMessage(parsed.value, peer, transport);
    } else {
      stats.rejected++;
      options.onError?.(parsed.reason, text.slice(0, 200));
    }
  };

  let udp: Socket | undefined;
  if (options.udpPort !== undefined) {
    const socket = createSocket(options.host.includes(':') ? 'udp6' : 'udp4');
    socket.on('message', (msg, rinfo) => {
      if (msg.length > maxBytes) {
        stats.rejected++;
        options.onError?.('too_long', msg.subarray(0, 200).toString('utf8'));
        return;
      }
      handle(msg.toString('utf8'), rinfo.address, 'udp');
    });
    socket.on('error', (err) => options.onError?.('socket_error', err.message));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.udpPort, options.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    udp = socket;
  }

  let tcp: Server | undefined;
  const connections = new Set<NetSocket>();
  let tcpPaused = false;
  if (options.tcpPort !== undefined) {
    const server = createServer((conn) => {
      const peer = conn.remoteAddress ?? '';
      connections.add(conn);
      conn.on('close', () => connections.delete(conn));
      if (tcpPaused) conn.pause();
      const decoder = new SyslogTcpDecoder(
        maxBytes,
        (m) => handle(m, peer, 'tcp'),
        () => {
          stats.rejected++;
          options.onError?.('too_long', '');
        },
      );
      conn.setTimeout(5 * 60_000, () => conn.destroy());
      conn.on('data', (chunk) => decoder.push(chunk));
      conn.on('error', () => conn.destroy());
    });
    server.maxConnections = options.maxConnections ?? 256;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.tcpPort, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    tcp = server;
  }

  const address = (a: unknown): number | undefined =>
    a && typeof a === 'object' && 'port' in a ? Number((a as { port: number }).port) : undefined;
  return {
    udpPort: udp ? address(udp.address()) : undefined,
    tcpPort: tcp ? address(tcp.address()) : undefined,
    stats,
    pauseTcp() {
      tcpPaused = true;
      for (const c of connections) c.pause();
    },
    resumeTcp() {
      tcpPaused = false;
      for (const c of connections) c.resume();
    },
    get tcpPaused() {
      return tcpPaused;
    },
    close: async () => {
      await Promise.all([
        udp ? new Promise<void>((r) => udp.close(() => r())) : undefined,
        tcp
          ? new Promise<void>((r) => {
              tcp.close(() => r());
              (tcp as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
            })
          : undefined,
      ]);
    },
  };
}
