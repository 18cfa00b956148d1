/**
 * The project's error base class (after viem's BaseError): every error that reaches a user carries a
 * one-line `shortMessage`, optional `details`, and the `cause` it wraps. Subclasses name their domain.
 */
export class ParevmError extends Error {
  override name = 'ParevmError';
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}: ${options.details}` : shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** Malformed input from outside (hex, RLP, JSON, transactions): always a clear one-line message. */
export class InvalidInputError extends ParevmError {
  override name = 'InvalidInputError';
}
