/**
 * The `send` the server gives the team for invitation and reset e-mails: the SMTP settings of the first
 * e-mail alert channel (host, TLS mode, credentials, sender), one connection per message like alerts.
 * Without an e-mail channel there is no `send`, and links are only shown to the admin who made them.
 */
import type { AlertsConfig } from '@rampart/core';
import { createSmtpTransport } from '../notify/email/smtp-transport.js';
import { resolveChannels } from '../notify/resolve-channels.js';
import type { SendMail } from './team-mail.js';

export function teamSendFromAlerts(alerts: AlertsConfig): SendMail | undefined {
  if (!alerts.channels.some((c) => c.type === 'email')) return undefined;
  // The alerts section was already checked at start-up; this reads smtp.passwordFile the same way.
  const smtp = resolveChannels(alerts).find((c) => c.type === 'email' && c.smtp)?.smtp;
  if (!smtp) return undefined;
  return async (m) => {
    const transport = createSmtpTransport(smtp);
    try {
      await transport.sendMail({ from: smtp.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    } finally {
      transport.close();
    }
  };
}
