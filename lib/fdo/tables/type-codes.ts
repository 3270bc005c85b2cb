/**
 * The atom value types as small numbers (the reference engine's type codes), so the
 * compiler's and the decompiler's per-atom switches compare integers, not strings.
 * The one definition both sides use.
 */
import type { AtomType } from './types';

export const T_RAW = 1;
export const T_DWORD = 2;
export const T_STRING = 3;
export const T_BOOL = 4;
export const T_GID = 5;
export const T_STREAM = 6;
export const T_OBJSTART = 7;
export const T_ORIENT = 8;
export const T_TOKEN = 9;
export const T_CRITERION = 10;
export const T_ALERT = 11;
export const T_ATOM = 12;
export const T_BYTELIST = 13;
export const T_IGNORE = 14;
export const T_VAR_DWORD = 15;
export const T_VAR_STRING = 16;
export const T_VAR = 17;
export const T_MULTI = 18;
export const T_ENUM = 19;
export const T_BYTE = 20;
export const T_WORD = 21;

/** Type name -> type code. */
export const TYPE_CODES: Readonly<Record<AtomType, number>> = {
  raw: T_RAW,
  dword: T_DWORD,
  string: T_STRING,
  bool: T_BOOL,
  gid: T_GID,
  stream: T_STREAM,
  objstart: T_OBJSTART,
  orient: T_ORIENT,
  token: T_TOKEN,
  criterion: T_CRITERION,
  alert: T_ALERT,
  atom: T_ATOM,
  bytelist: T_BYTELIST,
  ignore: T_IGNORE,
  var_dword: T_VAR_DWORD,
  var_string: T_VAR_STRING,
  var: T_VAR,
  multi: T_MULTI,
  enum: T_ENUM,
  byte: T_BYTE,
  word: T_WORD,
};
