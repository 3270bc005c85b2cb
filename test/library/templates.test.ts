/** Template rendering by the §7 conventions, byte for byte, and a rendered form compiles. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, decompile } from '@/lib/fdo';
import { LibraryError } from '@/lib/library/errors';
import { hasPlaceholders, placeholders, renderTemplate, variantName } from '@/lib/library/templates';

const render = (source: string, variables: Record<string, unknown>) => renderTemplate(source, variables).output;

function refusal(fn: () => unknown): LibraryError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LibraryError);
    return err as LibraryError;
  }
  throw new Error('expected a LibraryError');
}

describe('renderTemplate conventions', () => {
  it('other names: " becomes \\x22, each raw CR and LF a space, high bytes kept', () => {
    expect(render('<"{{NAME}}">', { NAME: 'say "hi"\r\nbye\n\xe9\xff' })).toBe('<"say \\x22hi\\x22  bye \xe9\xff">');
  });

  it('_DATA: \\r\\n\\r\\n and \\n\\n become 7F 7F, \\n becomes 7F, then upper-case hex pairs in brackets', () => {
    expect(render('{{BODY_DATA}}', { BODY_DATA: 'He' })).toBe('<48x, 65x>');
    expect(render('{{BODY_DATA}}', { BODY_DATA: 'a\r\n\r\nb\n\nc\nd' })).toBe('<61x, 7Fx, 7Fx, 62x, 7Fx, 7Fx, 63x, 7Fx, 64x>');
    // a lone \r\n: the \n becomes 7F, the \r stays a byte of its own
    expect(render('{{X_DATA}}', { X_DATA: 'a\r\nb' })).toBe('<61x, 0Dx, 7Fx, 62x>');
    expect(render('{{X_DATA}}', { X_DATA: '\x00\xe9\xff"' })).toBe('<00x, E9x, FFx, 22x>');
    expect(render('{{X_DATA}}', { X_DATA: '' })).toBe('<>');
  });

  it('_FDO: inserted as it is', () => {
    const inner = 'man_set_context_relative <1>\r\n  mat_title <"a \\"b\\"">';
    expect(render('x\n{{BODY_FDO}}\ny', { BODY_FDO: inner })).toBe(`x\n${inner}\ny`);
    expect(render('{{MY_FDO_PART}}', { MY_FDO_PART: '"raw"' })).toBe('"raw"');
  });

  it('byte arrays: 00x,01x,… whatever the name', () => {
    expect(render('<{{ART}}>', { ART: [0, 1, 0x7f, 0xab, 255] })).toBe('<00x,01x,7fx,abx,ffx>');
    expect(render('{{ART_DATA}}', { ART_DATA: [16] })).toBe('10x');
    expect(render('{{ART}}', { ART: [] })).toBe('');
  });

  it('_DATA wins over _FDO when a name has both', () => {
    expect(render('{{A_FDO_DATA}}', { A_FDO_DATA: 'A' })).toBe('<41x>');
  });

  it('fills every use, allows spaces inside the braces, keeps the rest of the text byte for byte', () => {
    const source = 'a {{ N }} b {{N}}\r\n\xff{{M}}';
    const r = renderTemplate(source, { N: 'x', M: 'y', SPARE: 'z' });
    expect(r.output).toBe('a x b x\r\n\xffy');
    expect(r.used).toEqual(['N', 'M']);
    expect(r.unused).toEqual(['SPARE']);
    expect(placeholders(source)).toEqual(['N', 'M']);
    expect(render('{{not closed} {x}} {{1BAD}}', {})).toBe('{{not closed} {x}} {{1BAD}}');
  });

  it('hasPlaceholders agrees with placeholders', () => {
    for (const text of ['', 'a {{ N }} b', 'x\n{{M}}', '{{not closed} {x}} {{1BAD}}', 'plain <"text">'])
      expect(hasPlaceholders(text)).toBe(placeholders(text).length > 0);
    // the regex is global: asking twice gives the same answer
    expect(hasPlaceholders('{{A}}')).toBe(true);
    expect(hasPlaceholders('{{A}}')).toBe(true);
  });

  it('a missing variable is named with its line; others are listed', () => {
    const err = refusal(() => renderTemplate('line1\nline2 {{WHO}}\n{{ALSO}}', {}));
    expect(err.kind).toBe('invalid');
    expect(err.line).toBe(2);
    expect(err.message).toContain('WHO at line 2');
    expect(err.message).toContain('ALSO at line 3');
  });

  it('refuses values outside Latin-1, bad byte arrays, bad names, and output past the limit', () => {
    expect(refusal(() => renderTemplate('{{A}}', { A: '\u20ac' })).kind).toBe('invalid');
    expect(refusal(() => renderTemplate('{{A}}', { A: [256] })).kind).toBe('invalid');
    expect(refusal(() => renderTemplate('{{A}}', { A: { nested: 1 } })).kind).toBe('invalid');
    expect(refusal(() => renderTemplate('{{A}}', { 'A-B': 'x' })).kind).toBe('invalid');
    // 1 KB used 20 000 times is 20 MB of output from a small template
    const many = '{{A}}'.repeat(20_000);
    expect(refusal(() => renderTemplate(many, { A: 'x'.repeat(1024) })).kind).toBe('too-large');
  });

  it('names the .bw variant', () => {
    expect(variantName('welcome', 'bw')).toBe('welcome.bw');
    expect(variantName('welcome.bw', 'bw')).toBe('welcome.bw');
    expect(variantName('welcome.bw', 'default')).toBe('welcome');
  });
});

describe('a rendered template compiles', () => {
  it('fills a corpus form turned into a template, and it compiles to the same bytes as the original', () => {
    const dir = path.resolve(__dirname, '..', 'corpus', 'samples');
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.txt') && fs.readFileSync(path.join(dir, f), 'latin1').includes('mat_title <"'))!;
    const original = fs.readFileSync(path.join(dir, file), 'latin1');
    const title = /mat_title <"([^"\\]*)">/.exec(original)![1]!;
    const template = original.replace(`mat_title <"${title}">`, 'mat_title <"{{TITLE}}">');
    expect(template).not.toBe(original);
    const out = render(template, { TITLE: title });
    expect(Buffer.from(compile(out)).equals(Buffer.from(compile(original)))).toBe(true);
  });

  it('every convention in one form compiles and decompiles back to the values', () => {
    const template = [
      'uni_start_stream <00x>',
      '  man_start_object <ind_group, "{{TITLE}}">',
      '    mat_art_id <{{ART}}>',
      '    man_append_data {{BODY_DATA}}',
      '{{EXTRA_FDO}}',
      '  man_end_object',
      'uni_end_stream <00x>',
      '',
    ].join('\r\n');
    const out = render(template, { TITLE: 'Caf\xe9 "x"\r\n', ART: [1, 0, 0x2e], BODY_DATA: 'Hi\n\nthere', EXTRA_FDO: '    mat_bool_disabled <yes>' });
    const bytes = compile(out);
    const text = decompile(bytes);
    expect(text).toContain('man_start_object <ind_group, "Caf\xe9 \\"x\\"  ">');
    expect(text).toContain('mat_art_id <1-46>');
    expect(text).toContain('man_append_data <"Hi\\x7f\\x7fthere">');
    expect(text).toContain('mat_bool_disabled <yes>');
  });
});
