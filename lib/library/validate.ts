/**
 * Checks of every field a client can set. Names are plain text shown as text (never
 * HTML), so `<b>` is allowed; what is refused is what breaks storage, paths or exports:
 * NUL and other control characters, path separators, names past 255 characters.
 */
import { LibraryError } from './errors';
import { MAX_FOLDER_CHARS, MAX_MESSAGE_CHARS, MAX_NAME_CHARS, MAX_SOURCE_BYTES, MAX_TAG_CHARS, MAX_TAGS } from './limits';

/** C0 controls and DEL: a name or tag holding them cannot round-trip through a zip or a terminal */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new LibraryError('invalid', `"${field}" must be a string`, field);
  if (value.length > max) throw new LibraryError('invalid', `"${field}" is ${value.length} characters long; at most ${max} are allowed`, field);
  if (hasControl(value)) throw new LibraryError('invalid', `"${field}" must not contain NUL or other control characters`, field);
  return value;
}

export function checkName(value: unknown, field = 'name'): string {
  const name = text(value, field, MAX_NAME_CHARS);
  if (name.trim() === '') throw new LibraryError('invalid', `"${field}" must not be empty`, field);
  if (name !== name.trim()) throw new LibraryError('invalid', `"${field}" must not start or end with spaces`, field);
  if (/[/\\]/.test(name)) throw new LibraryError('invalid', `"${field}" must not contain / or \\ (use "folder" for folders)`, field);
  if (name === '.' || name === '..') throw new LibraryError('invalid', `"${field}" must not be . or ..`, field);
  return name;
}

/** "" is the top level; otherwise segments separated by "/", each a valid name */
export function checkFolder(value: unknown): string {
  const folder = text(value, 'folder', MAX_FOLDER_CHARS);
  if (folder === '') return '';
  if (folder.includes('\\')) throw new LibraryError('invalid', '"folder" separates its parts with /, not \\', 'folder');
  const parts = folder.split('/');
  if (parts.some((p) => p === '')) throw new LibraryError('invalid', '"folder" must not start or end with / or hold an empty part', 'folder');
  for (const p of parts) checkName(p, 'folder');
  return folder;
}

export function checkTags(value: unknown): string[] {
  if (!Array.isArray(value)) throw new LibraryError('invalid', '"tags" must be an array of strings', 'tags');
  if (value.length > MAX_TAGS) throw new LibraryError('invalid', `"tags" holds ${value.length} tags; at most ${MAX_TAGS} are allowed`, 'tags');
  const tags = value.map((t) => text(t, 'tags', MAX_TAG_CHARS).trim());
  if (tags.some((t) => t === '')) throw new LibraryError('invalid', '"tags" must not hold empty tags', 'tags');
  return [...new Set(tags)];
}

export function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new LibraryError('invalid', `"${field}" must be true or false`, field);
  return value;
}

/** FDO text is Latin-1: every character must be one byte */
export function checkSource(value: unknown, field = 'content'): string {
  if (typeof value !== 'string') throw new LibraryError('invalid', `"${field}" must be a string`, field);
  if (value.length > MAX_SOURCE_BYTES) throw new LibraryError('too-large', `"${field}" is larger than the ${MAX_SOURCE_BYTES / (1024 * 1024)} MB limit`, field);
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0xff) {
      const before = value.slice(0, i);
      const line = before.split('\n').length;
      const column = i - before.lastIndexOf('\n');
      throw new LibraryError('invalid', `"${field}" holds a character outside Latin-1 at line ${line}, column ${column}`, field, null, line);
    }
  }
  return value;
}

export function checkMessage(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new LibraryError('invalid', '"message" must be a string', 'message');
  if (value.length > MAX_MESSAGE_CHARS) throw new LibraryError('invalid', `"message" is longer than ${MAX_MESSAGE_CHARS} characters`, 'message');
  if (value.includes('\u0000')) throw new LibraryError('invalid', '"message" must not contain NUL', 'message');
  return value === '' ? null : value;
}

export function checkVersionNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new LibraryError('invalid', `"${field}" must be a whole number from 1`, field);
  return value;
}
