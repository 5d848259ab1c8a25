/**
 * The error catalogue: one place for the stable codes that the CLI prints and the API answers with
 * (`{ "error": { "code", "message" } }`). Throw `RampartError` for conditions a user can fix; plain
 * exceptions mean bugs.
 */

export const ERROR_CODES = {
  UNKNOWN_PLUGIN: { status: 400, title: 'Unknown plugin id' },
  INVALID_CONFIG: { status: 400, title: 'Invalid configuration' },
  INVALID_ARGUMENT: { status: 400, title: 'Invalid argument' },
  INVALID_ADDRESS: { status: 400, title: 'Not a valid IP address or network' },
  FORMAT_UNDETECTED: { status: 400, title: 'Log format could not be recognised' },
  INPUT_UNREADABLE: { status: 400, title: 'Input could not be read' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  UNAUTHORIZED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  RATE_LIMITED: { status: 429, title: 'Too many attempts, retry later' },
  OVERLOADED: { status: 503, title: 'Overloaded, retry later' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class RampartError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RampartError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
  }

  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
