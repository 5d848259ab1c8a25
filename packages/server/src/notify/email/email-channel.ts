/** E-mail alerts over SMTP: one message with text and HTML parts to the channel's recipients. */
import type { ChannelFactory } from '../channel.js';
import { emailHtml, emailSubject, emailText } from './email-render.js';
import { createSmtpTransport, type ResolvedSmtp, smtpOutcome } from './smtp-transport.js';

export const createEmailChannel: ChannelFactory = (config) => {
  const smtp = config.smtp as ResolvedSmtp;
  const transport = createSmtpTransport(smtp);
  return {
    id: config.id,
    type: 'email',
    deliver: async (message) => {
      try {
        const info = await transport.sendMail({
          from: smtp.from,
          to: [...smtp.to],
          subject: emailSubject(message),
          text: emailText(message),
          html: emailHtml(message),
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Rampart-Id': message.key },
        });
        if (info.rejected.length > 0 && info.accepted.length === 0) {
          return { kind: 'failed', error: `all recipients rejected: ${info.rejected.map(String).join(', ')}` };
        }
        return { kind: 'delivered', status: 250 };
      } catch (err) {
        return smtpOutcome(err);
      }
    },
    close: () => transport.close(),
  };
};
