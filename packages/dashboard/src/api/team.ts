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
  readonly status: string;
  readonly createdAt: number | string;
  readonly lastLoginAt?: number | string | null;
}

export interface Invited {
  readonly user: TeamUser;
  /** Shown once: only a hash is stored. */
  readonly inviteUrl: string;
  readonly emailed: boolean;
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
  readonly lastError?: string | null;
  readonly deliveredAt?: number | null;
}

export const alerts = {
  deliveries: () => call<{ deliveries: Delivery[] }>('GET', '/api/v1/alerts/deliveries'),
};

export const usage = {
  get: () => call<unknown>('GET', '/api/v1/usage'),
};
