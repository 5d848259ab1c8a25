/**
 * The SMTP transport shared by alert e-mails and abuse-report e-mails (nodemailer): TLS modes from the
 * config (implicit TLS, required or opportunistic STARTTLS, none for local relays), certificate checks
 * on by default, bounded timeouts. Send failures become outcomes: 4xx replies and network errors are
 * retried, 5xx replies and refused authentication are not.
 */
import type { SmtpSettings } from '@rampart/core';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { DeliveryOutcome } from '../http-post.js';

/** SMTP settings with the password already read from its file. */
export type ResolvedSmtp = SmtpSettings & { readonly password?: string };

export type SmtpTransport = Transporter<SMTPTransport.SentMessageInfo>;

export function createSmtpTransport(s: ResolvedSmtp): SmtpTransport {
  const ms = Math.round(s.timeoutSeconds * 1000);
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.tls === 'implicit',
    requireTLS: s.tls === 'starttls',
    ignoreTLS: s.tls === 'none',
    tls: { rejectUnauthorized: s.rejectUnauthorized },
    ...(s.user !== undefined ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
    connectionTimeout: ms,
    greetingTimeout: ms,
    socketTimeout: ms,
    // One connection per message: alerts are rare, and a pooled idle socket would outlive close().
    pool: false,
  });
}

/** Maps a nodemailer error to a delivery outcome. */
export function smtpOutcome(err: unknown): DeliveryOutcome {
  const e = err as { responseCode?: number; code?: string; message?: string };
  const error = `${e.code ?? 'SMTP'}: ${(e.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 300)}`;
  if (e.code === 'EAUTH') return { kind: 'failed', error };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return { kind: 'failed', error };
  return { kind: 'retry', error, retryAfterMs: undefined };
}
