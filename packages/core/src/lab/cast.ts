/**
 * The cast of a lab day while it is being built: labelled actors and the request streams that play them.
 * Several streams may play one actor (the people behind a NAT); addresses and request counts are recorded
 * as requests are written, so the labels say exactly what is in the log.
 */
import type { Category } from '../detect/finding.js';
import type { AddressAllocator } from './address-allocator.js';
import type { RequestStream } from './lab-request.js';
import type { BenignKind, LabActor } from './labels.js';
import type { LabParams } from './params.js';
import type { Rng } from './prng.js';
import type { Site } from './site.js';

export type ActorSpec =
  | {
      readonly label: 'abuse';
      readonly category: Category;
      readonly scenario: string;
      readonly entity: LabActor['entity'];
      readonly people?: number;
    }
  | {
      readonly label: 'benign';
      readonly kind: BenignKind;
      readonly scenario: string;
      readonly entity: LabActor['entity'];
      readonly people?: number;
    };

/** What actor builders read: the day, the site, the drawn parameters and an address source. */
export interface LabContext {
  readonly rng: Rng;
  readonly params: LabParams;
  readonly scale: number;
  readonly site: Site;
  readonly alloc: AddressAllocator;
  readonly dayStart: number;
  readonly dayEnd: number;
  /** Mean request rate of the whole day, requests per second (known roughly in advance from the params). */
  readonly serviceRate: number;
}

export class Cast {
  readonly specs: ActorSpec[] = [];
  readonly streams: RequestStream[] = [];
  readonly ips: Array<Set<string>> = [];
  readonly keys: Array<Set<string>> = [];
  readonly requests: number[] = [];

  addActor(spec: ActorSpec): number {
    this.specs.push(spec);
    this.ips.push(new Set());
    this.keys.push(new Set());
    this.requests.push(0);
    return this.specs.length - 1;
  }

  addStream(stream: RequestStream): void {
    this.streams.push(stream);
  }

  /** The labels, with ids numbered per scenario in creation order. */
  toActors(): LabActor[] {
    const perScenario = new Map<string, number>();
    return this.specs.map((spec, i) => {
      const n = (perScenario.get(spec.scenario) ?? 0) + 1;
      perScenario.set(spec.scenario, n);
      const base = {
        id: `${spec.scenario}-${n}`,
        scenario: spec.scenario,
        entity: spec.entity,
        ips: [...(this.ips[i] ?? [])].sort(),
        apiKeys: [...(this.keys[i] ?? [])].sort(),
        requests: this.requests[i] ?? 0,
        ...(spec.people !== undefined ? { people: spec.people } : {}),
      };
      return spec.label === 'abuse'
        ? { ...base, label: 'abuse' as const, category: spec.category }
        : { ...base, label: 'benign' as const, kind: spec.kind };
    });
  }
}
