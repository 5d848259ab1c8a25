/**
 * Reports of the detection cycle: list, one in full, approve (items become bans, origin 'report') or
 * dismiss, all of a report's pending items or the chosen ones. Decisions are audited with the token's name.
 */
import { RampartError, REPORT_STATUSES } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { approveReport } from '../../store/report-approval.js';
import { changeContext, type PlatformDeps } from '../platform.js';

const ListQuery = Type.Object(
  {
    service: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Type.Union(REPORT_STATUSES.map((s) => Type.Literal(s)))),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Decision = Type.Object(
  {
    itemIds: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { minItems: 1, maxItems: 10_000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export function reportRoutes(deps: PlatformDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/reports',
      {
        config: { permission: 'reports:read' },
        schema: { tags: ['reports'], summary: 'Reports, newest first', querystring: ListQuery },
      },
      async (request) => {
        const q = request.query as Static<typeof ListQuery>;
        const reports = await deps.state.reports.list({
          ...(q.service ? { service: q.service } : {}),
          ...(q.status ? { status: q.status } : {}),
        });
        // The list is a summary: findings and drafts are in GET /api/v1/reports/{id}.
        const brief = reports.slice(0, q.limit).map(({ findings, abuseDrafts, ...r }) => ({
          ...r,
          findings: findings.length,
          abuseDrafts: abuseDrafts.length,
        }));
        return { total: reports.length, reports: brief };
      },
    );
    app.get(
      '/api/v1/reports/:id',
      {
        config: { permission: 'reports:read' },
        schema: { tags: ['reports'], summary: 'One report in full', params: IdParams },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        const report = await deps.state.reports.get(id);
        if (!report) throw new RampartError('NOT_FOUND', `no report ${JSON.stringify(id)}`);
        return { report };
      },
    );
    app.post(
      '/api/v1/reports/:id/approve',
      {
        config: { permission: 'reports:decide' },
        schema: {
          tags: ['reports'],
          summary: 'Approve items: their recommendations become bans',
          params: IdParams,
          body: Type.Optional(Decision),
        },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        const body = (request.body ?? {}) as Static<typeof Decision>;
        const ctx = changeContext(request, deps);
        const r = await approveReport(deps.state, deps.stateOptions, id, body, ctx);
        deps.onReportApproved?.(r.report, ctx.actor);
        return r;
      },
    );
    app.post(
      '/api/v1/reports/:id/dismiss',
      {
        config: { permission: 'reports:decide' },
        schema: {
          tags: ['reports'],
          summary: 'Dismiss items without action',
          params: IdParams,
          body: Type.Optional(Decision),
        },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        const body = (request.body ?? {}) as Static<typeof Decision>;
        const existing = await deps.state.reports.get(id);
        if (!existing) throw new RampartError('NOT_FOUND', `no report ${JSON.stringify(id)}`);
        const report = await deps.state.reports.decide(
          id,
          {
            decision: 'dismissed',
            ...(body.itemIds ? { itemIds: body.itemIds } : {}),
            ...(body.note ? { note: body.note } : {}),
          },
          changeContext(request, deps),
        );
        return { report };
      },
    );
  };
}
