import { ApiError } from '../api';
import { UserError } from './uploadJob';

/** The service's words for a refused request, or ours for a lost connection. */
export function rethrowInWords(error: unknown): never {
  if (error instanceof ApiError) {
    throw new UserError(error.detail);
  }
  throw error;
}
