/**
 * People: list (users:read); invite, change a role, remove, clear a log-in lock-out (users:manage). An
 * invitation answers its link once (only a hash is stored) and says whether the e-mail went out, so an
 * admin can pass the link on by hand when there is no SMTP or it failed. Every change is audited by the
 * team code with the caller as actor.
 */
import { RampartError } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { accountKey, lockedFor } from '../../team/login-limiter.js';
import { ROLES } from '../../team/roles.js';
import { publicUser, type Team } from '../../team/team.js';
import type { UserRecord } from '../../team/team-store.js';
import { changeContext } from '../platform.js';

const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const IdParams = Type.Object({ id: Type.String({ pattern: '^u_[0-9a-f]{12}$' }) });
const ListQuery = Type.Object(
  { all: Type.Optional(Type.Boolean({ description: 'Include removed users' })) },
  { additionalProperties: false },
);
const Invite = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), role: Role },
  { additionalProperties: false },
);
const RoleChange = Type.Object({ role: Role }, { additionalProperties: false });
const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('removed')]),
  createdAt: Type.Integer(),
  lastLoginAt: Type.Optional(Type.Integer()),
  lockedUntil: Type.Optional(
    Type.Integer({ description: 'Set while too many wrong passwords lock the account (epoch ms)' }),
  ),
});

export function userRoutes(team: Team, now: () => number): FastifyPluginAsync {
  const deps = { now };
  /** The active user with this id; removed ones are history, not something to change. */
  const byId = (id: string): UserRecord => {
    const u = team.store.userById(id);
    if (!u || u.removedAt !== undefined) throw new RampartError('NOT_FOUND', `no user ${id}`);
    return u;
  };
  const shown = (u: UserRecord) => {
    const lockedUntil = lockedFor(team.store, [accountKey(u.email)], now());
    return {
      ...publicUser(u),
      ...(u.lastLoginAt !== undefined ? { lastLoginAt: u.lastLoginAt } : {}),
      ...(lockedUntil > 0 ? { lockedUntil: now() + lockedUntil } : {}),
    };
  };
  return async (app) => {
    app.get(
      '/api/v1/users',
      {
        config: { permission: 'users:read' },
        schema: {
          tags: ['users'],
          summary: 'People with access, oldest first',
          querystring: ListQuery,
          response: { 200: Type.Object({ users: Type.Array(User) }) },
        },
      },
      async (request) => {
        const q = request.query as Static<typeof ListQuery>;
        return { users: team.store.listUsers(q.all === true).map(shown) };
      },
    );
    app.post(
      '/api/v1/users',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: 'Invite a person: the link is in this answer only; e-mailed when SMTP is configured',
          description:
            'Inviting someone who has not accepted yet replaces their link (the old one stops working). 409 for an active user.',
          body: Invite,
          response: {
            201: Type.Object({
              user: User,
              inviteUrl: Type.String(),
              expiresAt: Type.Integer(),
              emailed: Type.Boolean(),
              mailError: Type.Optional(Type.String()),
            }),
          },
        },
      },
      async (request, reply) => {
        const b = request.body as Static<typeof Invite>;
        const issued = await team.invite(b.email, b.role, changeContext(request, deps));
        if (issued.mailError) request.log.warn({ mailError: issued.mailError }, 'invitation e-mail not delivered');
        return reply.status(201).send({
          user: issued.user,
          inviteUrl: issued.link,
          expiresAt: issued.expiresAt,
          emailed: issued.mailed,
          ...(issued.mailError !== undefined ? { mailError: issued.mailError } : {}),
        });
      },
    );
    app.patch(
      '/api/v1/users/:id',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: 'Change a role (the last admin cannot be demoted)',
          params: IdParams,
          body: RoleChange,
          response: { 200: Type.Object({ user: User }) },
        },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        const { role } = request.body as Static<typeof RoleChange>;
        return { user: await team.setRole(byId(id).email, role, changeContext(request, deps)) };
      },
    );
    app.delete(
      '/api/v1/users/:id',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: 'Remove a person: their sessions end and open links stop working (the last admin stays)',
          params: IdParams,
          response: { 200: Type.Object({ user: User }) },
        },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        return { user: await team.remove(byId(id).email, changeContext(request, deps)) };
      },
    );
    app.post(
      '/api/v1/users/:id/unlock',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: "Clear a person's log-in lock-out",
          params: IdParams,
          response: { 200: Type.Object({ user: User }) },
        },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        return { user: await team.unlock(byId(id).email, changeContext(request, deps)) };
      },
    );
  };
}
