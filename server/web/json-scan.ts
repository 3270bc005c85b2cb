/**
 * A flat scan of a JSON body as it arrives, before any parse: JSON.parse of 8 million
 * nested arrays blocks the event loop for seconds, so nesting deeper than `maxDepth` and
 * more than `maxTokens` structural characters are refused here, chunk by chunk, in time
 * linear in the bytes and constant memory. The routes' bodies are small objects holding
 * one long string, so both bounds are far above anything they need.
 */
import { HttpError } from './http';

export const MAX_JSON_DEPTH = 64;
/** brackets, commas and colons: the routes' bodies hold a handful */
export const MAX_JSON_TOKENS = 10_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;

export class JsonShapeScan {
  private depth = 0;
  private tokens = 0;
  private inString = false;
  private escaped = false;
  private offset = 0;

  constructor(
    private readonly maxDepth = MAX_JSON_DEPTH,
    private readonly maxTokens = MAX_JSON_TOKENS,
  ) {}

  /** throws HttpError 400 as soon as the body is nested too deeply or has too many parts */
  feed(chunk: Uint8Array): void {
    let { depth, tokens, inString, escaped } = this;
    // Inside a string only its closing quote matters: found with the native search (the
    // bodies are mostly one long string), and a quote after an odd run of backslashes is
    // escaped. A run at the end of the chunk carries over as `escaped`.
    for (let i = 0; i < chunk.length; i++) {
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        const q = chunk.indexOf(QUOTE, i);
        const stop = q < 0 ? chunk.length : q;
        let run = 0;
        while (stop - run - 1 >= i && chunk[stop - run - 1] === BACKSLASH) run++;
        if (q < 0) {
          escaped = (run & 1) === 1;
          break;
        }
        if ((run & 1) === 0) inString = false;
        i = q;
        continue;
      }
      const b = chunk[i]!;
      if (b === QUOTE) inString = true;
      else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        tokens++;
        if (++depth > this.maxDepth) {
          throw new HttpError(400, `request body is JSON nested deeper than ${this.maxDepth} levels (at byte ${this.offset + i})`);
        }
      } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
        tokens++;
        // an unbalanced close is left for JSON.parse to report; depth must not go negative
        if (depth > 0) depth--;
      } else if (b === COMMA || b === COLON) tokens++;
      else continue;
      if (tokens > this.maxTokens) {
        throw new HttpError(400, `request body is JSON with more than ${this.maxTokens} brackets, commas and colons; these routes take one small object`);
      }
    }
    this.depth = depth;
    this.tokens = tokens;
    this.inString = inString;
    this.escaped = escaped;
    this.offset += chunk.length;
  }
}

/** a fresh scan as a body reader's `inspect`: a JSON body is refused (400) while it arrives */
export function jsonShapeScan(): (chunk: Uint8Array) => void {
  const scan = new JsonShapeScan();
  return (chunk) => scan.feed(chunk);
}
