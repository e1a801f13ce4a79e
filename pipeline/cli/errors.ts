// Typed errors the CLI maps to exit codes: the caller decides what a failure
// means (bad usage or config → 2, anything else → 1), never a stack trace.
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A config file or environment value is wrong; `field` names the key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
