import {
  ERRORS,
  errorMessage,
  type ErrorCode,
  type ErrorLanguage,
  type ErrorParams,
  type MissingThing,
} from './error-catalogue.js';

/** The parameters of a code, optional where its message needs none. */
type ParamsOf<C extends ErrorCode> =
  Record<never, never> extends ErrorParams<C> ? [params?: ErrorParams<C>] : [params: ErrorParams<C>];

/**
 * An expected failure, made from the error catalogue: its code fixes the HTTP status and the message. The answer
 * carries the code, the message in both languages (for API clients and logs) and the parameters, from which the web
 * writes the message in its user's language. Everything else that is thrown is a bug: logged and answered with 500.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly statusCode: number;
  readonly params: ErrorParams<C>;

  constructor(
    readonly code: C,
    ...[params]: ParamsOf<C>
  ) {
    const values = (params ?? {}) as ErrorParams<C>;
    super(bilingualMessage(code, values));
    this.name = 'AppError';
    this.statusCode = ERRORS[code].status;
    this.params = values;
  }

  /** The message in one language only, for answers that follow the request's Accept-Language (file imports). */
  inLanguage(language: ErrorLanguage): this {
    this.message = errorMessage(this.code, this.params, language);
    return this;
  }

  /** The answer's body. */
  body(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.params };
  }
}

/** Vietnamese, then English: what an API client or a log reader sees; the web picks one of the two itself. */
export function bilingualMessage<C extends ErrorCode>(code: C, params: ErrorParams<C>): string {
  return `${errorMessage(code, params, 'vi')} / ${errorMessage(code, params, 'en')}`;
}

// Rows outside the user's scope answer exactly like rows that do not exist, so scope cannot be probed.
export const notFound = (thing?: MissingThing) => new AppError('not_found', thing ? { thing } : {});
export const forbidden = () => new AppError('forbidden');
export const unauthenticated = () => new AppError('unauthenticated');
