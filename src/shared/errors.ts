/**
 * One error model for the whole domain. Use cases throw `AppError(code, message, details)`;
 * the HTTP edge maps each code to a status (src/http/error-handler.ts). Messages say what
 * went wrong and how to fix it. The codes are documented in docs/API.md.
 */
export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  immutable_field: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_file: 422,
  limit_exceeded: 422,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>> | undefined;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string, id: unknown): AppError =>
  new AppError('not_found', `${what} ${String(id)} does not exist or is not visible to you.`, { what, id });

export const forbidden = (message: string, details?: ErrorDetails): AppError =>
  new AppError('forbidden', message, details);

export const validationFailed = (message: string, details?: ErrorDetails): AppError =>
  new AppError('validation_failed', message, details);
