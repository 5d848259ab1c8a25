/**
 * Reports on SQLite: one JSON document per report (findings, items with decisions, abuse drafts) plus the
 * columns lists filter on. Creation and each decision are audited; decision records carry only the items
 * that changed, not the findings, to keep the trail readable.
 */
import {
  RampartError,
  type Report,
  type ReportDecisionInput,
  type ReportInput,
  type ReportItem,
  type ReportStatus,
  reportStatus,
} from '@rampart/core';
import type { ChangeContext, ReportStore } from '../contract/state-store.js';
import { seqFromId } from './rows.js';
import type { SqliteContext } from './sqlite-context.js';

export class SqliteReportStore implements ReportStore {
  constructor(private readonly ctx: SqliteContext) {}

  async create(input: ReportInput, change: ChangeContext): Promise<Report> {
    const db = this.ctx.db;
    return db
      .transaction((): Report => {
        const items: ReportItem[] = input.items.map((i) => ({
          ...i,
          decision: 'pending',
          decidedBy: undefined,
          decidedAt: undefined,
          note: undefined,
          banIds: [],
        }));
        const info = db
          .prepare("INSERT INTO reports (service, created_at, status, doc) VALUES (?, ?, 'pending', '{}')")
          .run(input.service, change.now);
        const report: Report = {
          ...input,
          id: `r${info.lastInsertRowid}`,
          createdAt: change.now,
          status: 'pending',
          items,
        };
        db.prepare('UPDATE reports SET doc = ? WHERE seq = ?').run(JSON.stringify(report), info.lastInsertRowid);
        this.ctx.audit({
          ts: change.now,
          actor: change.actor,
          action: 'report_create',
          entityKind: 'report',
          entityId: report.id,
          reason: input.summary,
          before: null,
          after: { id: report.id, service: report.service, from: report.from, to: report.to, items: items.length },
        });
        return report;
      })
      .immediate();
  }

  async get(id: string): Promise<Report | undefined> {
    const seq = seqFromId(id, 'r');
    if (seq === undefined) return undefined;
    const row = this.ctx.db.prepare('SELECT doc FROM reports WHERE seq = ?').get(seq) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Report) : undefined;
  }

  async list(q: { service?: string; status?: ReportStatus }): Promise<Report[]> {
    const rows = this.ctx.db
      .prepare(
        `SELECT doc FROM reports WHERE (@service IS NULL OR service = @service)
           AND (@status IS NULL OR status = @status) ORDER BY seq DESC`,
      )
      .all({ service: q.service ?? null, status: q.status ?? null }) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as Report);
  }

  async decide(id: string, input: ReportDecisionInput, change: ChangeContext): Promise<Report> {
    const db = this.ctx.db;
    return db
      .transaction((): Report => {
        const seq = seqFromId(id, 'r');
        const row =
          seq === undefined
            ? undefined
            : (db.prepare('SELECT doc FROM reports WHERE seq = ?').get(seq) as { doc: string } | undefined);
        if (!row) throw new RampartError('NOT_FOUND', `no report ${JSON.stringify(id)}`);
        const report = JSON.parse(row.doc) as Report;
        const wanted = input.itemIds ? new Set(input.itemIds) : undefined;
        if (wanted) {
          const unknown = [...wanted].filter((w) => !report.items.some((i) => i.id === w));
          if (unknown.length > 0) throw new RampartError('NOT_FOUND', `report ${id} has no item ${unknown.join(', ')}`);
        }
        const before: ReportItem[] = [];
        const after: ReportItem[] = [];
        const items = report.items.map((item) => {
          const selected = wanted ? wanted.has(item.id) : item.decision === 'pending';
          if (!selected) return item;
          if (item.decision !== 'pending') {
            throw new RampartError('CONFLICT', `item ${item.id} of report ${id} is already ${item.decision}`);
          }
          const decided: ReportItem = {
            ...item,
            decision: input.decision,
            decidedBy: change.actor,
            decidedAt: change.now,
            note: input.note,
            banIds: input.banIds?.[item.id] ?? [],
          };
          before.push(item);
          after.push(decided);
          return decided;
        });
        const updated: Report = { ...report, items, status: reportStatus(items) };
        db.prepare('UPDATE reports SET doc = ?, status = ? WHERE seq = ?').run(
          JSON.stringify(updated),
          updated.status,
          seq!,
        );
        const brief = (list: ReportItem[]) =>
          list.map((i) => ({
            id: i.id,
            decision: i.decision,
            action: i.recommendation.action,
            target: i.recommendation.target,
            banIds: i.banIds,
          }));
        this.ctx.audit({
          ts: change.now,
          actor: change.actor,
          action: 'report_decision',
          entityKind: 'report',
          entityId: id,
          reason: input.note ?? `${input.decision} ${after.length} item(s)`,
          before: { status: report.status, items: brief(before) },
          after: { status: updated.status, items: brief(after) },
        });
        return updated;
      })
      .immediate();
  }
}
