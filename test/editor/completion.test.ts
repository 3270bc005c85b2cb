/** Completion lists: atom names for prefixes and fuzzy queries, and inside < > each argument type's names. */
import { describe, expect, it } from 'vitest';
import { completeAtomNames, completeValue, completionContextAt, matchScore } from '../../lib/editor/completion';
import { argumentTemplate, ATOM_LIST, findAtom, valueNames } from '../../lib/editor/atom-info';
import { atomFacts, hoverAt } from '../../lib/editor/hover';
import { ALERT_KINDS, CRITERIA, OBJECT_TYPES } from '../../lib/fdo/tables';
import { compile } from '../../lib/fdo';

describe('atom name completion', () => {
  it('lists every atom with the prefix, prefix matches first, with protocol, number and type', () => {
    const list = completeAtomNames('mat_si', 1000);
    const expected = ATOM_LIST.filter((a) => a.name.startsWith('mat_si'))
      .map((a) => a.name)
      .sort();
    expect(
      list
        .slice(0, expected.length)
        .map((c) => c.name)
        .sort(),
    ).toEqual(expected);
    expect(list.slice(0, 2).map((c) => c.name)).toEqual(['mat_sink', 'mat_size']); // shortest first, then by name
    const size = list.find((c) => c.name === 'mat_size')!;
    expect([size.protocol, size.atom, size.type]).toEqual([16, 23, 'multi']);
    expect(size.template).toBe('mat_size <${1:byte}, ${2:byte}, ${3:word}>');
  });

  it('finds names fuzzily: initials and scattered letters', () => {
    expect(completeAtomNames('mso', 5).map((c) => c.name)).toContain('man_start_object');
    expect(completeAtomNames('startobj', 10).map((c) => c.name)).toContain('man_start_object');
    expect(completeAtomNames('qqqqzzzz')).toEqual([]);
    expect(matchScore('uni', 'uni_end_stream')).toBeLessThan(matchScore('uni', 'man_unique_thing'));
    expect(matchScore('mso', 'man_start_object')).toBeLessThan(matchScore('mso', 'mat_scroll_object'.replace('scroll', 'xsxo')));
  });

  it('inserts a template that compiles once its fields are filled with their labels', () => {
    // every atom whose labels are valid values compiles as inserted: the templates are real syntax
    let compiled = 0;
    for (const def of ATOM_LIST) {
      const text = argumentTemplate(def)
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\t/g, '  ');
      try {
        compile(text + '\n');
        compiled++;
      } catch {
        // labels such as "atom", "name" or "byte" are words to replace, not values
      }
    }
    expect(compiled).toBeGreaterThan(ATOM_LIST.length * 0.9);
  });
});

describe('value completion inside < >, for each argument type', () => {
  const byType = (type: string) => ATOM_LIST.find((a) => a.type === type)!;
  it('enum: the atom table names; flags and masked tables too', () => {
    expect(completeValue('mat_position', 0, '').map((v) => v.name)).toEqual(findAtom('mat_position')!.enums[0]!.items.map((i) => i.name));
    expect(
      completeValue('mat_position', 0, 'center')
        .map((v) => v.name)
        .slice(0, 3),
    ).toEqual(['center_left', 'center_center', 'center_right']);
    const flags = completeValue('de_validate', 0, '');
    expect(flags.map((v) => [v.name, v.value, v.kind])).toEqual([
      ['display_msg', 1, 'flag'],
      ['terminate', 2, 'flag'],
    ]);
  });
  it('bool: yes, no (and true, false)', () => {
    expect(
      completeValue(byType('bool').name, 0, '')
        .map((v) => v.name)
        .sort(),
    ).toEqual(['false', 'no', 'true', 'yes']);
  });
  it('objstart: object types in the first field, nothing in the title', () => {
    expect(completeValue('man_start_object', 0, '').length).toBe(OBJECT_TYPES.accepted.size);
    expect(completeValue('man_start_object', 0, 'trig')[0]!.name).toBe('trigger');
    expect(completeValue('man_start_object', 1, '')).toEqual([]);
  });
  it('orient: all fifty orientations', () => {
    const all = completeValue(byType('orient').name, 0, '');
    expect(all).toHaveLength(50);
    expect(all.map((v) => v.name)).toContain('vff');
    for (const o of all) expect(() => compile(`mat_orientation <${o.name}>`)).not.toThrow();
  });
  it('criterion, alert, atom, registers', () => {
    expect(completeValue(byType('criterion').name, 0, '').length).toBe(CRITERIA.accepted.size);
    expect(completeValue(byType('alert').name, 0, '').length).toBe(ALERT_KINDS.accepted.size);
    expect(completeValue(byType('alert').name, 1, '')).toEqual([]);
    expect(completeValue(byType('atom').name, 0, 'man_append_d')[0]!.name).toBe('man_append_data');
    expect(
      completeValue(byType('var').name, 0, '')
        .map((v) => v.name)
        .join(''),
    ).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(completeValue(byType('var_dword').name, 1, '')).toEqual([]);
  });
  it('multi: each field its own names (mat_font_sis: font, size, style)', () => {
    expect(completeValue('mat_font_sis', 0, 'ari')[0]!.name).toBe('arial');
    expect(completeValue('mat_font_sis', 1, '')).toEqual([]);
    expect(completeValue('mat_font_sis', 2, '').map((v) => v.name)).toEqual(findAtom('mat_font_sis')!.enums[1]!.items.map((i) => i.name));
  });
  it('free values (numbers, strings, hex, global ids) offer no names', () => {
    for (const type of ['raw', 'dword', 'string', 'gid', 'token', 'bytelist', 'byte', 'word', 'ignore']) {
      expect(valueNames(byType(type), 0), type).toEqual([]);
    }
  });
});

describe('where the cursor is', () => {
  it('tells a statement from a value and counts fields', () => {
    expect(completionContextAt('  mat_si', 8)).toEqual({ kind: 'atom', from: 2, query: 'mat_si' });
    expect(completionContextAt('mat_position <cen', 17)).toEqual({ kind: 'value', from: 14, query: 'cen', atom: 'mat_position', field: 0 });
    expect(completionContextAt('mat_font_sis <arial, 9, bo', 26)).toMatchObject({ kind: 'value', atom: 'mat_font_sis', field: 2, query: 'bo' });
    expect(completionContextAt('de_data <"text', 14)).toEqual({ kind: 'none' });
    expect(completionContextAt('; comment', 9)).toEqual({ kind: 'none' });
  });
});

describe('hover', () => {
  it('gives an atom its protocol, number, type, flags and argument', () => {
    expect(atomFacts('man_start_object')).toMatchObject({ protocol: 1, atom: 0, type: 'objstart', flags: ['indent'] });
    const h = hoverAt('  man_start_sibling <trigger, "x">', 5)!;
    expect(h).toMatchObject({ kind: 'atom', name: 'man_start_sibling', from: 2, to: 19 });
    expect((h as { flags: string[] }).flags).toEqual(['indent', 'outdent']);
  });
  it('gives an enum value its number', () => {
    expect(hoverAt('mat_position <center_center>', 16)).toMatchObject({ kind: 'value', name: 'center_center', value: 5, atom: 'mat_position' });
    expect(hoverAt('man_start_object <trigger, "x">', 20)).toMatchObject({ kind: 'value', value: 6, valueKind: 'object type' });
    expect(hoverAt('mat_size <1, 2>', 10)).toBeNull();
  });
});
