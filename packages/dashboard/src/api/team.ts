/**
 * Calls for people and their accounts (users, invitations, password resets), usage and the alert
 * delivery log. Answers are typed here because the routes do not publish response schemas.
 */
import { call } from './client.js';

export const ROLES = ['admin', 'billing', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface TeamUser {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly status: 'invited' | 'active' | 'removed';
  readonly createdAt: number;
  readonly lastLoginAt?: number;
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
  list: () => call<{ users: TeamUser[] }>('GET', '/api/v1/users'),
  invite: (email: string, role: Role) => call<Invited>('POST', '/api/v1/users', { email, role }),
  setRole: (id: string, role: Role) => call<unknown>('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, { role }),
  remove: (id: string) => call<unknown>('DELETE', `/api/v1/users/${encodeURIComponent(id)}`),
};

export const links = {
  acceptInvitation: (token: string, password: string) =>
    call<{ email: string }>('POST', '/api/v1/invitations/accept', { token, password }),
  requestReset: (email: string) => call<unknown>('POST', '/api/v1/password-reset', { email }),
  confirmReset: (token: string, password: string) =>
    call<{ email?: string }>('POST', '/api/v1/password-reset/confirm', { token, password }),
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
    call<{ configured: boolean; deliveries: Delivery[]; counters: DeliveryCounters }>(
      'GET',
      '/api/v1/alerts/deliveries',
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
  } | null;
}

export const usage = {
  get: (days: number) => call<Usage>('GET', `/api/v1/usage?days=${days}`),
};
