import { AppError } from '../kernel/errors.js';
import { parseReference } from '../kernel/reference.js';

/** Requests' reference numbers start with TR: `TR-7K4M-9QXP-W`. */
export const REQUEST_PREFIX = 'TR';

/**
 * A request reference as someone typed or linked it (dashes, lower case, Arabic digits) in its
 * stored form; anything that is not a valid request reference is a request nobody has.
 */
export function requestReference(input: string): string {
  const canonical = parseReference(input, REQUEST_PREFIX);
  if (!canonical) throw new AppError('requests.not_found');
  return canonical;
}
