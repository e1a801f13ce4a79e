// Typed errors shared by every room, below all of them: the caller decides what a failure
// means (the CLI maps bad usage or config to exit 2), never a stack trace.
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
