/**
 * Template variables as clients send them: a name (letters, digits, _) and a value that is
 * Latin-1 text or a byte array (numbers 0–255, rendered as 00x,01x,…).
 */
import { LibraryError } from './errors';
import { MAX_SOURCE_BYTES, MAX_VARIABLE_NAME_CHARS, MAX_VARIABLES } from './limits';

export type VariableValue = string | number[];
export type Variables = Record<string, VariableValue>;

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkVariables(value: unknown): Variables {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new LibraryError('invalid', '"variables" must be an object of name → value', 'variables');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_VARIABLES)
    throw new LibraryError('invalid', `"variables" holds ${entries.length} names; at most ${MAX_VARIABLES} are allowed`, 'variables');
  const out: Variables = {};
  let total = 0;
  for (const [name, v] of entries) {
    if (name.length > MAX_VARIABLE_NAME_CHARS || !VARIABLE_NAME.test(name)) {
      throw new LibraryError(
        'invalid',
        `variable name ${JSON.stringify(name.slice(0, 64))} must be letters, digits and _ (not starting with a digit), at most ${MAX_VARIABLE_NAME_CHARS} characters`,
        'variables',
      );
    }
    if (typeof v === 'string') {
      for (let i = 0; i < v.length; i++)
        if (v.charCodeAt(i) > 0xff) throw new LibraryError('invalid', `variable ${name} holds a character outside Latin-1 at position ${i + 1}`, 'variables');
      total += v.length;
      out[name] = v;
    } else if (Array.isArray(v)) {
      if (!v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
        throw new LibraryError('invalid', `variable ${name} is an array, so it must hold byte values 0 to 255`, 'variables');
      total += v.length;
      out[name] = v as number[];
    } else {
      throw new LibraryError('invalid', `variable ${name} must be a string or an array of bytes`, 'variables');
    }
    if (total > MAX_SOURCE_BYTES)
      throw new LibraryError('too-large', `the variables are larger than ${MAX_SOURCE_BYTES / (1024 * 1024)} MB in all`, 'variables');
  }
  return out;
}
