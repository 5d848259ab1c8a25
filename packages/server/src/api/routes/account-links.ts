/**
 * The public end of invitation and password-reset links: the dashboard pages `/invite` and
 * `/reset-password` read `#token=` from the fragment and post it here with the chosen password. A bad,
 * used, replaced or expired link is 404; a refused password is 400 with the policy's reason (and the link
 * stays usable). Asking for a reset always answers 202, whether the address has an account or not, and
 * the e-mail is sent after the answer so its timing tells nothing either; requests are limited per
 * client address and per e-mail address, silently (the answer stays 202).
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { addressKey } from '../../team/login-limiter.js';
import type { Team } from '../../team/team.js';

const LinkBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
const ResetRequest = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 320 }) },
  { additionalProperties: false },
);
const Done = Type.Object({ email: Type.String() });

export interface ResetLimits {
  /** Reset requests per client address (IPv6 per /64) per window. */
  readonly perClient: number;
  /** Reset requests per e-mail address per window (each one may send a message to that inbox). */
  readonly perEmail: number;
  readonly windowMs: number;
  /** Keys remembered at most (memory bound; the oldest window is forgotten first). */
  readonly maxKeys: number;
}

export const DEFAULT_RESET_LIMITS: ResetLimits = { perClient: 10, perEmail: 3, windowMs: 3_600_000, maxKeys: 50_000 };

/** Fixed-window counters in memory: a restart forgets them, which only gives back one window. */
class WindowCounter {
  private readonly counts = new Map<string, { start: number; n: number }>();
  constructor(private readonly o: ResetLimits) {}
  /** Counts one hit on `key`; false when it is over `limit` in the current window. */
  take(key: string, limit: number, now: number): boolean {
    let c = this.counts.get(key);
    if (!c || now - c.start >= this.o.windowMs) {
      this.counts.delete(key);
      while (this.counts.size >= this.o.maxKeys) {
        const oldest = this.counts.keys().next().value;
        if (oldest === undefined) break;
        this.counts.delete(oldest);
      }
      c = { start: now, n: 0 };
      this.counts.set(key, c);
    }
    c.n++;
    return c.n <= limit;
  }
}

export function accountLinkRoutes(
  team: Team,
  now: () => number,
  onError: (err: unknown) => void,
  limits: ResetLimits = DEFAULT_RESET_LIMITS,
): FastifyPluginAsync {
  const counter = new WindowCounter(limits);
  return async (app) => {
    app.post(
      '/api/v1/invitations/accept',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['users'],
          summary: 'Accept an invitation: choose a password with the token from the link',
          description:
            '404 when the link is not valid (used, replaced or expired); 400 with the reason when the password is refused.',
          security: [],
          body: LinkBody,
          response: { 200: Done },
        },
      },
      async (request) => {
        const b = request.body as Static<typeof LinkBody>;
        const user = await team.acceptInvitation(b.token, b.password, now());
        return { email: user.email };
      },
    );
    app.post(
      '/api/v1/password-reset',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['users'],
          summary: 'Ask for a password-reset link by e-mail (always 202)',
          security: [],
          body: ResetRequest,
          response: { 202: Type.Object({ ok: Type.Boolean() }) },
        },
      },
      async (request, reply) => {
        const { email } = request.body as Static<typeof ResetRequest>;
        const t = now();
        const withinClient = counter.take(addressKey(request.ip), limits.perClient, t);
        const withinEmail = counter.take(`email:${email.trim().toLowerCase()}`, limits.perEmail, t);
        if (withinClient && withinEmail) team.requestPasswordReset(email, t).catch(onError);
        return reply.status(202).send({ ok: true });
      },
    );
    app.post(
      '/api/v1/password-reset/confirm',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['users'],
          summary: 'Set a new password with the token from a reset link (every session of the person ends)',
          description: '404 when the link is not valid; 400 with the reason when the password is refused.',
          security: [],
          body: LinkBody,
          response: { 200: Done },
        },
      },
      async (request) => {
        const b = request.body as Static<typeof LinkBody>;
        const user = await team.resetPassword(b.token, b.password, now());
        return { email: user.email };
      },
    );
  };
}
