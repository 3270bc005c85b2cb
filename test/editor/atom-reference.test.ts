/** The atom reference's rows and search: generated from the table, filters from the URL. */
import { describe, expect, it } from 'vitest';
import { ATOM_ROWS, filterFromParams, paramsFromFilter, PROTOCOLS, searchAtoms, TYPES } from '../../lib/editor/atom-reference';
import { allAtoms } from '../../lib/fdo/tables';

const params = (q: string) => {
  const u = new URLSearchParams(q);
  return (k: string) => u.get(k);
};

describe('atom reference', () => {
  it('has a row for every atom of the table, with its enum values', () => {
    expect(ATOM_ROWS).toHaveLength([...allAtoms()].length);
    expect(ATOM_ROWS).toHaveLength(1861);
    const position = ATOM_ROWS.find((r) => r.name === 'mat_position')!;
    expect(position).toMatchObject({ protocol: 16, atom: 64, type: 'enum', family: 'mat' });
    expect(position.values).toContainEqual({ name: 'center_center', value: 5 });
    expect(TYPES).toContain('multi');
    expect(PROTOCOLS[0]!.protocol).toBe(0);
  });

  it('searches names (exact first), numbers and value names', () => {
    expect(searchAtoms(filterFromParams(params('q=dod_data')))[0]!.name).toBe('dod_data');
    expect(searchAtoms(filterFromParams(params('q=16/23'))).map((r) => r.name)).toEqual(['mat_size']);
    expect(searchAtoms(filterFromParams(params('q=center_center'))).map((r) => r.name)).toContain('mat_position');
    expect(searchAtoms(filterFromParams(params('q=zzzzqqqq')))).toEqual([]);
  });

  it('filters by protocol and type, and ignores malformed parameters', () => {
    const enums = searchAtoms(filterFromParams(params('type=enum')));
    expect(enums).toHaveLength(45);
    expect(enums.every((r) => r.type === 'enum')).toBe(true);
    const p16 = searchAtoms(filterFromParams(params('protocol=16&type=enum')));
    expect(p16.every((r) => r.protocol === 16 && r.type === 'enum')).toBe(true);
    expect(filterFromParams(params('protocol=999&type=nope&q=' + 'x'.repeat(500)))).toEqual({ q: 'x'.repeat(100), protocol: null, type: null });
    expect(filterFromParams(params('protocol=-1'))).toMatchObject({ protocol: null });
  });

  it('round-trips a filter through the URL', () => {
    const f = { q: 'mat_si', protocol: 16, type: 'multi' };
    expect(filterFromParams(params(paramsFromFilter(f).slice(1)))).toEqual(f);
    expect(paramsFromFilter({ q: '', protocol: null, type: null })).toBe('');
  });
});
