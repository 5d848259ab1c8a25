/**
 * The e-mails the team code sends (invitation, password reset), as plain text and escaped HTML, and the
 * `send` interface they go through. The SMTP transport lives in notify/email; this file does not import
 * it, so the team code can be tested with any sender and wired to whatever transport the server has.
 */

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Delivers one message; rejects on failure (the caller reports it, the link stays valid). */
export type SendMail = (message: MailMessage) => Promise<void>;

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function hoursText(ms: number): string {
  const h = Math.round(ms / 3_600_000);
  return h === 1 ? '1 hour' : `${h} hours`;
}

function render(to: string, subject: string, lines: readonly string[], link: string, action: string): MailMessage {
  const text = `${lines.join('\n\n')}\n\n${link}\n\nIf you did not expect this e-mail, ignore it.\n`;
  const paras = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  const href = escapeHtml(link);
  const html = `<!doctype html>
<html><body style="font-family:sans-serif;max-width:560px">
${paras}
<p><a href="${href}">${escapeHtml(action)}</a></p>
<p style="color:#666;font-size:13px">Or open this address: ${href}<br>If you did not expect this e-mail, ignore it.</p>
</body></html>
`;
  return { to, subject, text, html };
}

export function invitationMail(o: {
  to: string;
  role: string;
  invitedBy: string;
  link: string;
  validMs: number;
}): MailMessage {
  return render(
    o.to,
    'You are invited to Rampart',
    [
      `${o.invitedBy} invited you to Rampart with the role "${o.role}".`,
      `Open the link below to choose a password. It works once and expires in ${hoursText(o.validMs)}.`,
    ],
    o.link,
    'Accept the invitation',
  );
}

export function passwordResetMail(o: { to: string; link: string; validMs: number }): MailMessage {
  return render(
    o.to,
    'Reset your Rampart password',
    [
      'Someone asked to reset the password of your Rampart account.',
      `Open the link below to choose a new one. It works once and expires in ${hoursText(o.validMs)}. Your sessions end when the password changes.`,
    ],
    o.link,
    'Choose a new password',
  );
}
