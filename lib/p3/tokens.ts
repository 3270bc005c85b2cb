/**
 * The DATA-payload token table (p3-framing.md §2) as data: how many stream-id bytes follow
 * each token, and which tokens carry something other than FDO.
 */

export type TokenKind = 'fdo' | 'gid';

export interface TokenRule {
  /** stream-id bytes after the token (big-endian); 0 for none */
  streamIdBytes: number;
  /** 'gid': the payload is token + a 4-byte GID (a GID request), not FDO */
  kind: TokenKind;
}

/** Tokens with their own rule; every other token has a 2-byte stream id and FDO. */
export const TOKEN_RULES: Readonly<Record<string, TokenRule>> = {
  AT: { streamIdBytes: 2, kind: 'fdo' },
  At: { streamIdBytes: 3, kind: 'fdo' },
  at: { streamIdBytes: 4, kind: 'fdo' },
  aT: { streamIdBytes: 0, kind: 'fdo' },
  f2: { streamIdBytes: 0, kind: 'gid' },
};

export const DEFAULT_TOKEN_RULE: TokenRule = { streamIdBytes: 2, kind: 'fdo' };

/** Bytes of the GID that follows an `f2` token. */
export const GID_REQUEST_BYTES = 4;

export function tokenRule(token: string): TokenRule {
  return Object.prototype.hasOwnProperty.call(TOKEN_RULES, token) ? TOKEN_RULES[token]! : DEFAULT_TOKEN_RULE;
}

/** A token is two printable ASCII characters. */
export function isToken(token: string): boolean {
  return token.length === 2 && /^[\x21-\x7e]{2}$/.test(token);
}

/** The largest stream id a token's stream-id field holds (0 for tokens without one). */
export function maxStreamId(token: string): number {
  const n = tokenRule(token).streamIdBytes;
  return n === 0 ? 0 : 2 ** (8 * n) - 1;
}
