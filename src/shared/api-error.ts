/** The error shape of the contract, kept free of zod so the renderer bundle stays small. */

/** Error codes a method call can fail with; transports map them to HTTP status codes. */
export type ApiErrorCode = 'invalid_input' | 'unknown_method' | 'not_found' | 'conflict' | 'forbidden' | 'internal';

/** The error shape both transports deliver. `field` names the failing input field (dot path). */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  field?: string;
}

/** A method call failed for a reason the caller can act on. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
