/**
 * Sends a report's abuse-report drafts once they are approved. A draft is approved when an item whose
 * findings it covers is approved; it goes out as X-ARF (or plain text when it has no X-ARF messages)
 * through the SMTP settings of the first e-mail alert channel, to the network's abuse contact (from the
 * draft, else looked up by RDAP for its first address). `approved()` returns at once: the HTTP answer
 * never waits for SMTP. Each outcome (sent, failed, refused) is written to the audit trail and the
 * delivery log. A draft is sent at most once (remembered in the state store's kv table): an ISP abuse
 * desk MUST NOT receive the same report twice because a second item of the report was approved later.
 * A failed send is not retried automatically (a multi-part X-ARF send may have partly gone through).
 */
import type { AbuseDraft, Report, SmtpSettings } from '@rampart/core';
import type { ChangeContext, StateStore } from '../../store/contract/state-store.js';
import type { FinishedDelivery } from '../dispatcher.js';
import { type AbuseReportSendResult, sendAbuseReport } from './abuse-report-mail.js';

export interface AbuseMailerDeps {
  /** The e-mail channel whose SMTP settings carry abuse reports; undefined = none configured. */
  readonly channel: { readonly id: string; readonly smtp: SmtpSettings } | undefined;
  readonly state: Pick<StateStore, 'audit' | 'kv'>;
  /** Abuse contact of an address (RDAP) for drafts without one; undefined = unknown. */
  readonly lookupContact?: (ip: string) => Promise<string | undefined>;
  /** The delivery log (the alert dispatcher's `recordDelivery`). */
  readonly record?: (entry: FinishedDelivery) => void;
  readonly log: (line: string) => void;
  /** Epoch ms. */
  readonly clock: () => number;
}

export interface AbuseMailer {
  /** After an approval: sends the drafts it approved, in the background. Never throws, never waits. */
  approved(report: Report, actor: string): void;
  /** Resolves when every send started so far has finished and been recorded. */
  idle(): Promise<void>;
}

const NS = 'alerts.abuse';
const SENT_TTL_MS = 365 * 86_400_000;

export function createAbuseMailer(deps: AbuseMailerDeps): AbuseMailer {
  let queue: Promise<void> = Promise.resolve();

  async function sendOne(report: Report, draft: AbuseDraft, actor: string): Promise<void> {
    const key = `${report.id}|${draft.network}`;
    const now = deps.clock();
    if ((await deps.state.kv.get(NS, key, now)) !== undefined) return;
    let to = draft.contact;
    if (to === undefined && deps.lookupContact && draft.ips[0] !== undefined) {
      to = await deps.lookupContact(draft.ips[0]).catch(() => undefined);
    }
    const smtp = deps.channel?.smtp;
    const result: AbuseReportSendResult = smtp
      ? await sendAbuseReport(draft, smtp, to !== undefined ? { to } : {})
      : { sent: 0, failed: [], refused: 'no e-mail channel in alerts.channels to send it with' };
    if (result.sent > 0) await deps.state.kv.set(NS, key, JSON.stringify({ to, at: now }), now + SENT_TTL_MS);
    const parts = result.sent + result.failed.length;
    const outcome = result.refused
      ? `not sent: ${result.refused}`
      : `sent ${result.sent} of ${parts} message(s) to ${to}${result.failed.length > 0 ? `; failed: ${result.failed.map((f) => `${f.part}: ${f.error}`).join('; ')}` : ''}`;
    const ctx: ChangeContext = { actor, now: deps.clock() };
    await deps.state.audit.append(
      {
        action: 'abuse_report_sent',
        entityKind: 'abuse_report',
        entityId: report.id,
        reason: `abuse report for ${draft.network}: ${outcome}`.slice(0, 1000),
        before: null,
        after: { network: draft.network, to: to ?? null, ...result, refused: result.refused ?? null },
      },
      ctx,
    );
    deps.record?.({
      channel: deps.channel?.id ?? 'none',
      eventType: 'abuse.report',
      key: `abuse:${key}`,
      title: `Abuse report to ${to ?? 'unknown contact'} for ${draft.network} (report ${report.id})`,
      status: result.sent > 0 && result.failed.length === 0 ? 'delivered' : 'failed',
      attempts: parts,
      lastError:
        result.refused ??
        (result.failed.length > 0 ? result.failed.map((f) => `${f.part}: ${f.error}`).join('; ') : undefined),
      createdAt: now,
    });
    if (result.sent === 0 || result.failed.length > 0) deps.log(`abuse report for ${draft.network}: ${outcome}`);
  }

  return {
    approved(report, actor) {
      const approvedFindings = new Set(
        report.items.filter((i) => i.decision === 'approved').flatMap((i) => i.findingIds),
      );
      const drafts = report.abuseDrafts.filter((d) => d.findingIds.some((id) => approvedFindings.has(id)));
      for (const draft of drafts) {
        queue = queue
          .then(() => sendOne(report, draft, actor))
          .catch((err: unknown) => deps.log(`abuse report for ${draft.network}: ${(err as Error).message}`));
      }
    },
    idle: () => queue,
  };
}
