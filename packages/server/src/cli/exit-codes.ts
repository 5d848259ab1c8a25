/** Exit codes scripts can trust. Only the CLI entry point turns these into a process exit. */
export const EXIT = {
  OK: 0,
  /** Ran, but a limit the user set was passed (e.g. --max-error-share), or findings with --fail-on. */
  LIMIT_EXCEEDED: 1,
  /** Bad usage, bad config, unknown format. */
  USAGE: 2,
  /** Nothing could be read at all. */
  NO_INPUT: 3,
  /** An unexpected error (a bug). */
  INTERNAL: 70,
} as const;
