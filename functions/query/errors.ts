import { HttpError } from '../http/responses.js';

/**
 * A query parameter that cannot be used as given (400 `invalid_parameter`); the message starts with
 * the parameter's name. Every other failure is an HttpError (functions/http/responses.ts).
 */
export class InvalidParameterError extends HttpError {
  override readonly name = 'InvalidParameterError';
  readonly parameter: string;

  constructor(parameter: string, message: string, options?: { cause?: unknown }) {
    super('invalid_parameter', `${parameter}: ${message}`, options);
    this.parameter = parameter;
  }
}
