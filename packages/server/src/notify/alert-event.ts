/**
 * The typed events the server emits into the alert dispatcher. Each carries what a message needs and
 * nothing the dispatcher must look up; `eventKey` is the idempotency key (one message per report, per
 * ban, per spike minute, per disabled detector) so the same event emitted twice is delivered once.
 */
import type { Finding, Report } from '@rampart/core';

export interface ReportCreatedEvent {
  readonly type: 'report.created';
  readonly report: Report;
}

export interface AutomaticBan {
  readonly id: string;
  readonly value: string;
  readonly mode: 'ban' | 'throttle';
  /** Epoch ms; undefined = permanent. */
  readonly expiresAt: number | undefined;
  readonly reason: string;
}

export interface BanAutomaticEvent {
  readonly type: 'ban.automatic';
  readonly service: string;
  readonly finding: Finding;
  readonly bans: readonly AutomaticBan[];
}

export interface TrafficSpikeEvent {
  readonly type: 'traffic.spike';
  readonly service: string;
  /** requests: every request; errors: 5xx answers; client_errors: 4xx answers. */
  readonly metric: 'requests' | 'errors' | 'client_errors';
  /** Per minute, over the spike window. */
  readonly rate: number;
  readonly baseline: number;
  /** Epoch ms of the minute the spike was seen. */
  readonly at: number;
}

export interface DetectorDisabledEvent {
  readonly type: 'detector.disabled';
  readonly detector: string;
  readonly service: string | undefined;
  readonly error: string;
  /** Epoch ms. */
  readonly at: number;
}

export type AlertEvent = ReportCreatedEvent | BanAutomaticEvent | TrafficSpikeEvent | DetectorDisabledEvent;

export function eventKey(e: AlertEvent): string {
  switch (e.type) {
    case 'report.created':
      return `report:${e.report.id}`;
    case 'ban.automatic':
      return `ban:${e.bans.map((b) => b.id).join(',') || e.finding.id}`;
    case 'traffic.spike':
      return `spike:${e.service}:${e.metric}:${Math.floor(e.at / 60_000)}`;
    case 'detector.disabled':
      return `detector:${e.detector}:${e.service ?? '*'}:${Math.floor(e.at / 60_000)}`;
  }
}

export function eventService(e: AlertEvent): string | undefined {
  switch (e.type) {
    case 'report.created':
      return e.report.service;
    case 'detector.disabled':
      return e.service;
    default:
      return e.service;
  }
}

/** The findings an event is about (for category and score filters); empty for non-finding events. */
export function eventFindings(e: AlertEvent): readonly Finding[] {
  if (e.type === 'report.created') return e.report.findings;
  if (e.type === 'ban.automatic') return [e.finding];
  return [];
}
