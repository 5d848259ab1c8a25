/**
 * Calls for people and their accounts (users, invitations, password resets), usage and the alert
 * delivery log. Answers are typed here because the routes do not publish response schemas.
 */
import { api, unwrap } from './client.js';

export const ROLES = ['admin', 'billing', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface TeamUser {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly status: 'invited' | 'active' | 'removed';
  readonly createdAt: number;
  readonly lastLoginAt?: number;
  /** Set while too many wrong passwords lock the account. */
  readonly lockedUntil?: number;
}

export interface Invited {
  readonly user: TeamUser;
  /** Shown once: only a hash is stored. */
  readonly inviteUrl: string;
  readonly expiresAt: number;
  readonly emailed: boolean;
  /** Why the e-mail did not go out, when it was tried. */
  readonly mailError?: string;
}

export const users = {
  list: () => unwrap<{ users: TeamUser[] }>(api.GET('/api/v1/users')),
  invite: (email: string, role: Role) => unwrap<Invited>(api.POST('/api/v1/users', { body: { email, role } })),
  setRole: (id: string, role: Role) =>
    unwrap<unknown>(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: { role } })),
  remove: (id: string) => unwrap<unknown>(api.DELETE('/api/v1/users/{id}', { params: { path: { id } } })),
  unlock: (id: string) => unwrap<unknown>(api.POST('/api/v1/users/{id}/unlock', { params: { path: { id } } })),
};

export const links = {
  acceptInvitation: (token: string, password: string) =>
    unwrap<{ email: string }>(api.POST('/api/v1/invitations/accept', { body: { token, password } })),
  requestReset: (email: string) => unwrap<unknown>(api.POST('/api/v1/password-reset', { body: { email } })),
  confirmReset: (token: string, password: string) =>
    unwrap<{ email: string }>(api.POST('/api/v1/password-reset/confirm', { body: { token, password } })),
};

/** One delivery of an alert to a channel (the server's `deliveryLog()`), newest first. */
export interface Delivery {
  readonly id: string;
  readonly channel: string;
  readonly channelType: string;
  readonly eventType: string;
  readonly key: string;
  readonly title: string;
  readonly status: 'collecting' | 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly nextAt: number;
  readonly lastError: string | null;
  readonly deliveredAt: number | null;
}

export interface DeliveryCounters {
  readonly emitted: number;
  readonly dropped: number;
  readonly duplicates: number;
  readonly digested: number;
  readonly delivered: number;
  readonly failed: number;
  readonly retried: number;
}

export const alerts = {
  deliveries: () =>
    unwrap<{ configured: boolean; deliveries: Delivery[]; counters: DeliveryCounters }>(
      api.GET('/api/v1/alerts/deliveries'),
    ),
};

export interface Usage {
  readonly from: number;
  readonly to: number;
  /** Stored requests in the range, all services. */
  readonly events: number;
  readonly services: readonly {
    readonly service: string;
    readonly events: number;
    readonly days: readonly { readonly day: string; readonly events: number }[];
  }[];
  readonly storage: { readonly bytes: number; readonly files: readonly { name: string; bytes: number }[] } | null;
  readonly retention: {
    readonly maxAgeDays?: number;
    readonly maxEvents?: number;
    readonly everyMinutes?: number;
    readonly source?: 'config' | 'api';
  } | null;
}

export const usage = {
  get: (days: number) => unwrap<Usage>(api.GET('/api/v1/usage', { params: { query: { days } } })),
  /** Changes the retention limits (retention:write); 'reset' goes back to the config file's. */
  setRetention: (limits: { maxAgeDays: number; maxEvents: number } | 'reset') =>
    unwrap(api.PUT('/api/v1/retention', { body: limits === 'reset' ? { reset: true } : limits })),
};
