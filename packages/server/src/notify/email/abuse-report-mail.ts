/**
 * Sends an approved abuse-report draft (core decide/abuse-draft) through the alert SMTP transport:
 * as X-ARF v0.2 (the draft's ready-made multipart/mixed messages, one per source address, sent as they
 * are) or as the plain-text draft. The recipient is the network's abuse contact from enrichment, or one
 * given by the approver; without either nothing is sent. Outcomes are values: nothing here throws.
 */
import { readFileSync } from 'node:fs';
import type { AbuseDraft, SmtpSettings } from '@rampart/core';
import { createSmtpTransport, smtpOutcome } from './smtp-transport.js';

export interface AbuseReportSendOptions {
  /** 'xarf' (default when the draft has X-ARF messages) or 'text'. */
  readonly format?: 'xarf' | 'text';
  /** Recipient instead of the draft's contact (e.g. looked up by hand). */
  readonly to?: string;
  /** Sender (envelope and, for text, From); default smtp.from. X-ARF messages keep their Reported-From. */
  readonly from?: string;
}

export interface AbuseReportSendResult {
  readonly sent: number;
  readonly failed: readonly { readonly part: string; readonly error: string }[];
  /** Why nothing was attempted. */
  readonly refused: string | undefined;
}

const ADDRESS = /^[^\s@<>,;]{1,64}@[^\s@<>,;]{1,255}$/;

export async function sendAbuseReport(
  draft: AbuseDraft,
  smtp: SmtpSettings,
  options: AbuseReportSendOptions = {},
): Promise<AbuseReportSendResult> {
  const to = options.to ?? draft.contact;
  if (to === undefined) return refuse(`no abuse contact known for ${draft.network}; give one to send`);
  if (!ADDRESS.test(to)) return refuse(`'${to}' is not an e-mail address`);
  let password = smtp.password;
  if (password === undefined && smtp.passwordFile !== undefined) {
    try {
      password = readFileSync(smtp.passwordFile, 'utf8').trim();
    } catch (err) {
      return refuse(`cannot read smtp.passwordFile (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const transport = createSmtpTransport({ ...smtp, ...(password !== undefined ? { password } : {}) });
  const from = options.from ?? smtp.from;
  const envelopeFrom = /<([^<>]+)>/.exec(from)?.[1] ?? from;
  const format = options.format ?? (draft.xarf.length > 0 ? 'xarf' : 'text');
  let sent = 0;
  const failed: { part: string; error: string }[] = [];
  try {
    if (format === 'xarf') {
      if (draft.xarf.length === 0) return refuse('the draft has no X-ARF messages');
      for (const x of draft.xarf) {
        try {
          await transport.sendMail({ envelope: { from: envelopeFrom, to: [to] }, raw: withRecipient(x.message, to) });
          sent++;
        } catch (err) {
          const o = smtpOutcome(err);
          failed.push({ part: x.source, error: o.kind === 'delivered' ? '' : o.error });
        }
      }
    } else {
      try {
        await transport.sendMail({
          from,
          to,
          subject: draft.subject,
          text: bodyOf(draft.text),
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        sent++;
      } catch (err) {
        const o = smtpOutcome(err);
        failed.push({ part: 'text', error: o.kind === 'delivered' ? '' : o.error });
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed, refused: undefined };
}

const refuse = (why: string): AbuseReportSendResult => ({ sent: 0, failed: [], refused: why });

/** The draft text opens with To:/Subject: lines for the reviewer; the mail body starts after them. */
function bodyOf(text: string): string {
  return text.replace(/^To: [^\n]*\nSubject: [^\n]*\n\n/, '');
}

/** Sets the To header of a ready X-ARF message (headers end at the first empty line). */
function withRecipient(message: string, to: string): string {
  const end = message.indexOf('\r\n\r\n');
  if (end < 0) return message;
  const head = message.slice(0, end).replace(/^To: [^\r\n]*$/m, `To: ${to}`);
  return head + message.slice(end);
}
