/**
 * The atom reference's rows and search, pure: every atom of the generated table with its
 * facts, filtered by a query (name, fuzzy, or protocol/atom number like `16/23`), a
 * protocol and a type.
 */
import { ATOM_LIST, describeArgument, familyOf, flagNames } from './atom-info';
import { matchScore } from './completion';

export interface AtomRow {
  name: string;
  protocol: number;
  atom: number;
  type: string;
  family: string;
  flags: string[];
  argument: string;
  /** enum values (name = number) of the atom's tables */
  values: { name: string; value: number }[];
}

export const ATOM_ROWS: readonly AtomRow[] = ATOM_LIST.map((def) => ({
  name: def.name,
  protocol: def.protocol,
  atom: def.atom,
  type: def.type,
  family: familyOf(def.name),
  flags: flagNames(def),
  argument: describeArgument(def),
  values:
    def.type === 'enum' || def.type === 'multi'
      ? def.enums.flatMap((t) => t.items.map((i) => ({ name: i.name, value: t.kind === 'masked' ? i.bits : i.value })))
      : [],
}));

/** protocol number -> its families (for the filter's labels) */
export const PROTOCOLS: readonly { protocol: number; label: string }[] = (() => {
  const byProtocol = new Map<number, Set<string>>();
  for (const r of ATOM_ROWS) {
    if (!byProtocol.has(r.protocol)) byProtocol.set(r.protocol, new Set());
    byProtocol.get(r.protocol)!.add(r.family);
  }
  return [...byProtocol.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([protocol, fams]) => ({ protocol, label: `${protocol} ${[...fams].slice(0, 3).join(', ')}` }));
})();

export const TYPES: readonly string[] = [...new Set(ATOM_ROWS.map((r) => r.type))].sort();

export interface AtomFilter {
  q: string;
  protocol: number | null;
  type: string | null;
}

/** Parses the URL's search parameters into a filter; anything malformed is ignored. */
export function filterFromParams(get: (key: string) => string | null | undefined): AtomFilter {
  const q = (get('q') ?? '').slice(0, 100).trim();
  const p = get('protocol');
  const protocol = p !== null && p !== undefined && /^\d{1,3}$/.test(p) && PROTOCOLS.some((x) => x.protocol === Number(p)) ? Number(p) : null;
  const t = get('type');
  const type = t && TYPES.includes(t) ? t : null;
  return { q, protocol, type };
}

export function paramsFromFilter(f: AtomFilter): string {
  const u = new URLSearchParams();
  if (f.q) u.set('q', f.q);
  if (f.protocol !== null) u.set('protocol', String(f.protocol));
  if (f.type) u.set('type', f.type);
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** The rows the filter selects, best match first (table order when there is no query). */
export function searchAtoms(f: AtomFilter): AtomRow[] {
  const q = f.q.toLowerCase();
  const numbered = /^(\d{1,3})\s*[/:]\s*(\d{1,3})$/.exec(q);
  const rows = ATOM_ROWS.filter((r) => (f.protocol === null || r.protocol === f.protocol) && (f.type === null || r.type === f.type));
  if (numbered) return rows.filter((r) => r.protocol === Number(numbered[1]) && r.atom === Number(numbered[2]));
  if (!q) return rows;
  const scored: { r: AtomRow; s: number }[] = [];
  for (const r of rows) {
    let s = matchScore(q, r.name);
    // a value name finds the atoms that take it (e.g. center_center)
    if (s < 0 && q.length >= 3 && r.values.some((v) => v.name.toLowerCase() === q)) s = 1000;
    if (s >= 0) scored.push({ r, s });
  }
  scored.sort((a, b) => a.s - b.s || (a.r.name < b.r.name ? -1 : 1));
  return scored.map((x) => x.r);
}
