/**
 * The retention limits in effect: those of the config file (`server.retention`) until someone with
 * `retention:write` (admins, billing) changes them through the API; a change is kept in the state store,
 * so it survives restarts and wins over the file, and is audited as a `config_change`. `everyMinutes` (how
 * often retention runs) stays a config-file setting.
 */
import type { ChangeContext, StateStore } from '../store/contract/state-store.js';

export interface RetentionLimits {
  /** Events older than this many days are deleted; 0 = no age limit. */
  readonly maxAgeDays: number;
  /** At most this many events are kept (oldest deleted first); 0 = no count limit. */
  readonly maxEvents: number;
}

export interface RetentionInEffect extends RetentionLimits {
  readonly everyMinutes: number;
  /** Where the limits come from: the config file, or a change made through the API. */
  readonly source: 'config' | 'api';
}

const NS = 'settings';
const KEY = 'retention';

const valid = (v: unknown): v is RetentionLimits =>
  typeof v === 'object' &&
  v !== null &&
  Number.isFinite((v as RetentionLimits).maxAgeDays) &&
  Number.isFinite((v as RetentionLimits).maxEvents) &&
  (v as RetentionLimits).maxAgeDays >= 0 &&
  (v as RetentionLimits).maxEvents >= 0;

export class RetentionSettings {
  private constructor(
    private readonly state: StateStore,
    private readonly fromConfig: RetentionLimits & { readonly everyMinutes: number },
    private stored: RetentionLimits | undefined,
  ) {}

  /** Reads a stored change, if any; a stored value that does not parse is ignored (the file's limits apply). */
  static async open(
    state: StateStore,
    fromConfig: RetentionLimits & { readonly everyMinutes: number },
    now: number,
  ): Promise<RetentionSettings> {
    const text = await state.kv.get(NS, KEY, now);
    let stored: RetentionLimits | undefined;
    try {
      const v: unknown = text === undefined ? undefined : JSON.parse(text);
      if (valid(v)) stored = { maxAgeDays: v.maxAgeDays, maxEvents: v.maxEvents };
    } catch {
      stored = undefined;
    }
    return new RetentionSettings(state, fromConfig, stored);
  }

  current(): RetentionInEffect {
    const l = this.stored ?? this.fromConfig;
    return {
      maxAgeDays: l.maxAgeDays,
      maxEvents: l.maxEvents,
      everyMinutes: this.fromConfig.everyMinutes,
      source: this.stored ? 'api' : 'config',
    };
  }

  /** Sets new limits (`reset` goes back to the config file's); audited. Returns what is now in effect. */
  async set(change: RetentionLimits | 'reset', ctx: ChangeContext): Promise<RetentionInEffect> {
    const before = this.current();
    if (change === 'reset') {
      await this.state.kv.delete(NS, KEY);
      this.stored = undefined;
    } else {
      if (!valid(change)) throw new RangeError('retention limits must be finite numbers ≥ 0');
      const limits = { maxAgeDays: change.maxAgeDays, maxEvents: change.maxEvents };
      await this.state.kv.set(NS, KEY, JSON.stringify(limits), undefined);
      this.stored = limits;
    }
    const after = this.current();
    await this.state.audit.append(
      {
        action: 'config_change',
        entityKind: 'retention',
        entityId: 'server.retention',
        reason:
          change === 'reset'
            ? 'retention back to the config file'
            : `retention: max age ${after.maxAgeDays || 'none'} days, max events ${after.maxEvents || 'none'}`,
        before: { maxAgeDays: before.maxAgeDays, maxEvents: before.maxEvents, source: before.source },
        after: { maxAgeDays: after.maxAgeDays, maxEvents: after.maxEvents, source: after.source },
      },
      ctx,
    );
    return after;
  }
}
