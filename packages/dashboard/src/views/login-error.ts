/** Words for a refused log-in or account request, shared by the log-in and password pages. */
import { ApiError } from '../api/client.js';

/** The words for a refused log-in: lock-outs say when to retry, a busy server says to try again. */
export function loginError(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (err.status === 429) {
    const s = err.retryAfterSeconds;
    const wait = s === undefined ? 'later' : s < 90 ? `in ${Math.ceil(s)} s` : `in ${Math.ceil(s / 60)} min`;
    return `Too many failed log-ins: this account or address is locked. Try again ${wait}.`;
  }
  if (err.status === 503) return 'The server is busy checking other log-ins. Try again in a moment.';
  return err.message;
}
