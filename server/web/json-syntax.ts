/**
 * Where a JSON body that JSON.parse refused goes wrong, as line and column: V8's own
 * message has no position on Node 20 and quotes a slice of the body back to the client.
 * Runs only after JSON.parse failed, in time linear in the text.
 *
 * Self-contained on purpose (no imports, no outside names): json-offload.ts puts this
 * function's source into its worker thread beside encoding.ts's jsonBodyToInput.
 */
export interface JsonSyntaxError {
  /** `request body is not valid JSON: what was found` (the error body adds line and column) */
  message: string;
  /** 1-based */
  line: number;
  /** 1-based, in characters */
  column: number;
}

export function locateJsonSyntaxError(text: string): JsonSyntaxError {
  const n = text.length;
  let i = 0;
  let what = 'a value JSON does not allow';
  const MAX_DEPTH = 512;
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const ESCAPES = '"\\/bfnrtu';

  const fail = (why: string): false => {
    what = why;
    return false;
  };
  const blanks = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      i++;
    }
  };
  const found = (): string => (i >= n ? 'the body ends' : `found ${JSON.stringify(text[i])}`);
  const string = (): boolean => {
    i++; // the opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return fail('a control character inside a string (write it as an escape such as \\n)');
      if (c === 0x5c) {
        const e = text[i + 1];
        i++; // a problem with an escape is at the character after the backslash
        if (e === undefined || !ESCAPES.includes(e)) return fail('a backslash not followed by one of " \\ / b f n r t u');
        if (e === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return fail('\\u not followed by four hex digits');
        i += e === 'u' ? 5 : 1;
        continue;
      }
      i++;
    }
    return fail('the body ends inside a string');
  };
  const word = (w: string): boolean => {
    if (!text.startsWith(w, i)) return fail(`expected a value, ${found()}`);
    i += w.length;
    return true;
  };
  const value = (depth: number): boolean => {
    blanks();
    if (i >= n) return fail('the body ends where a value should be');
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) return fail('nested too deeply');
      const close = c === '{' ? '}' : ']';
      i++;
      blanks();
      if (text[i] === close) {
        i++;
        return true;
      }
      for (;;) {
        blanks();
        if (close === '}') {
          if (text[i] !== '"') return fail(`expected a quoted property name, ${found()}`);
          if (!string()) return false;
          blanks();
          if (text[i] !== ':') return fail(`expected ':' after the property name, ${found()}`);
          i++;
        }
        if (!value(depth + 1)) return false;
        blanks();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return true;
        }
        return fail(`expected ',' or '${close}', ${found()}`);
      }
    }
    if (c === '"') return string();
    if (c === 't') return word('true');
    if (c === 'f') return word('false');
    if (c === 'n') return word('null');
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail('a malformed number');
      i = NUMBER.lastIndex;
      return true;
    }
    return fail(`expected a value, ${found()}`);
  };

  if (value(0)) {
    blanks();
    what = i < n ? `more after the JSON value, ${found()}` : 'JSON.parse refused it';
  }
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < i; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  const column = i - lineStart + 1;
  return { message: `request body is not valid JSON: ${what}`, line, column };
}
