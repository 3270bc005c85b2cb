/**
 * Mutants of real binary streams for the differential harness (scripts/conformance.ts):
 * the stream is read as a tree of atoms (nested streams included), one to three atoms
 * anywhere in it are changed — a data byte, the whole data, the atom number, deleted,
 * duplicated, swapped with a neighbour — and the tree is written back as the reference
 * compiler writes streams (FULL style, shortest lengths, prefix byte for protocols >= 32).
 * Pure and deterministic: the same binaries and seed give the same mutants.
 */
import { AtomReader } from '../lib/fdo/decompile/atom-reader';
import { atomEntry } from '../lib/fdo/decompile/atom-index';
import { T_STREAM } from '../lib/fdo/tables';
import { seededRandom } from './conformance-variants';

type Random = () => number;

interface AtomNode {
  protocol: number;
  atom: number;
  data: Uint8Array;
  /** the atoms of a nested stream, when this is a stream atom with clean inner data */
  children?: AtomNode[];
}

export interface BinaryMutant {
  /** `SET/NAME~N` (edited) or `SET/NAME%N` (compact styles) */
  name: string;
  binary: Uint8Array;
  edits: string[];
  /** compact-style mutants: the same atoms in FULL style, what the engine's compiler should write for its text */
  fullForm?: Uint8Array;
}

export interface SourceBinary {
  name: string;
  binary: Uint8Array;
}

const MAX_FULL_LENGTH = 0x7fff;

/** The atoms of bytes[start, end), or undefined when they do not read cleanly (or use large atoms). */
function readTree(bytes: Uint8Array, start: number, end: number): AtomNode[] | undefined {
  const reader = new AtomReader(bytes, start, end);
  const nodes: AtomNode[] = [];
  while (reader.next()) {
    const { protocol, atom } = reader;
    if (protocol === 0 && atom >= 4 && atom <= 6) return undefined; // large-atom pieces: not re-encodable as is
    const data = reader.data.slice(reader.dataStart, reader.dataEnd);
    const node: AtomNode = { protocol, atom, data };
    if (atomEntry(protocol, atom)?.typeCode === T_STREAM && data.length > 0) {
      const children = readTree(data, 0, data.length);
      if (children !== undefined) node.children = children;
    }
    nodes.push(node);
  }
  return reader.fault === undefined ? nodes : undefined;
}

/** The bytes of a tree, as the reference compiler writes them; undefined if an atom is too long for FULL style. */
function writeTree(nodes: readonly AtomNode[]): Uint8Array | undefined {
  const parts: number[] = [];
  for (const node of nodes) {
    const data = node.children !== undefined ? writeTree(node.children) : node.data;
    if (data === undefined || data.length > MAX_FULL_LENGTH) return undefined;
    if (node.protocol >= 32) parts.push(0xe0 | (((node.protocol >> 5) & 3) << 3));
    parts.push(node.protocol & 31, node.atom);
    if (data.length <= 127) parts.push(data.length);
    else parts.push(0x80 | (data.length >> 8), data.length & 0xff);
    for (const b of data) parts.push(b);
  }
  return Uint8Array.from(parts);
}

/** Every list of atoms in the tree (the top level and each nested stream), for picking a place to edit. */
function atomLists(nodes: AtomNode[], out: AtomNode[][] = []): AtomNode[][] {
  out.push(nodes);
  for (const node of nodes) if (node.children !== undefined) atomLists(node.children, out);
  return out;
}

function clone(node: AtomNode): AtomNode {
  return { ...node, data: node.data.slice(), children: node.children?.map(clone) };
}

function randomBytes(rand: Random, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
}

/** One edit in place; returns what it did, or undefined when it did not apply. */
function edit(rand: Random, tree: AtomNode[]): string | undefined {
  const lists = atomLists(tree).filter((l) => l.length > 0);
  if (lists.length === 0) return undefined;
  const list = lists[Math.floor(rand() * lists.length)];
  const at = Math.floor(rand() * list.length);
  const node = list[at];
  const where = `${node.protocol}/${node.atom}`;
  switch (Math.floor(rand() * 7)) {
    case 0: {
      // one data byte
      if (node.children !== undefined || node.data.length === 0) return undefined;
      const i = Math.floor(rand() * node.data.length);
      node.data[i] = Math.floor(rand() * 256);
      return `byte ${i} of ${where}`;
    }
    case 1: // new data of a small length (values of every form, hex-list fallbacks)
      if (node.children !== undefined) return undefined;
      node.data = randomBytes(rand, Math.floor(rand() * 9));
      return `data of ${where} (${node.data.length} bytes)`;
    case 2: // another atom of the same protocol (known or not)
      if (node.children !== undefined) return undefined;
      node.atom = Math.floor(rand() * 256);
      return `${where} -> ${node.protocol}/${node.atom}`;
    case 3:
      list.splice(at, 1);
      return `deleted ${where}`;
    case 4:
      list.splice(at, 0, clone(node));
      return `duplicated ${where}`;
    case 5:
      if (at + 1 >= list.length) return undefined;
      [list[at], list[at + 1]] = [list[at + 1], list[at]];
      return `swapped ${where} with the next atom`;
    default: {
      // an atom with data that is a boundary value: 00, ff, 7f, 80 and their runs
      if (node.children !== undefined || node.data.length === 0) return undefined;
      const value = [0x00, 0xff, 0x7f, 0x80][Math.floor(rand() * 4)];
      node.data = node.data.map(() => value);
      return `data of ${where} all ${value.toString(16).padStart(2, '0')}`;
    }
  }
}

/**
 * What a decoder knows of one stream while reading it (2.4, 2.5, as observed on the
 * reference engine): the current protocol, which a sticky prefix raises by its offset,
 * and the sticky prefix (S = 1) in force, or -1. A nested stream starts with the state
 * that the previous stream nested in the same parent ended with.
 */
interface StreamState {
  current: number;
  sticky: number;
}

const STYLES = ['FULL', 'LENGTH', 'DATA', 'ATOM', 'CURRENT', 'ZERO', 'ONE'] as const;
type Style = (typeof STYLES)[number];
/** No prefix byte, or one of the 32 prefix bytes E0-FF. */
const PREFIX_CHOICES = [-1, ...Array.from({ length: 32 }, (_, i) => 0xe0 + i)];

/** Whether `style` can hold `n` data bytes `data` at all. */
function styleFits(style: Style, data: Uint8Array): boolean {
  const n = data.length;
  switch (style) {
    case 'FULL':
      return n <= MAX_FULL_LENGTH;
    case 'LENGTH':
      return n <= 7;
    case 'DATA':
      return n === 1 && data[0] <= 7;
    case 'ATOM':
      return n === 0;
    case 'CURRENT':
      return n <= 255;
    case 'ZERO':
      return n === 1 && data[0] === 0;
    case 'ONE':
      return n === 1 && data[0] === 1;
  }
}

/**
 * The atom a decoder in `state` reads from an optional prefix byte and `style` carrying
 * the 5-bit protocol `low` (FULL, LENGTH, DATA) and atom bits `atomBits` (8 bits for FULL,
 * 5 for the others), and its state afterwards.
 */
function decodeAs(state: StreamState, prefixByte: number, style: Style, low: number, atomBits: number): { protocol: number; atom: number; after: StreamState } {
  let { current, sticky } = state;
  let prefix = sticky;
  if (prefixByte >= 0) {
    prefix = prefixByte;
    if (prefixByte & 1) {
      sticky = prefixByte;
      current |= ((prefixByte >> 3) & 3) << 5;
    } else {
      sticky = -1;
    }
  }
  const offset = prefix < 0 ? 0 : ((prefix >> 3) & 3) << 5;
  const aa = prefix < 0 ? 0 : ((prefix >> 1) & 3) << 5;
  const isSticky = prefix >= 0 && (prefix & 1) === 1;
  let protocol: number;
  if (style === 'FULL' || style === 'LENGTH' || style === 'DATA') {
    protocol = low | offset;
    current = isSticky ? protocol : low;
  } else {
    protocol = current | offset;
  }
  if (prefix >= 0 && !isSticky) current &= 31; // a one-atom prefix ends a sticky offset
  return { protocol, atom: atomBits | aa, after: { current, sticky } };
}

/** Writes `nodes` in styles and prefix bytes chosen at random among those that read back as the same atoms. */
function writeCompact(rand: Random, nodes: readonly AtomNode[], start: StreamState, styles: Set<string>): { bytes: Uint8Array; end: StreamState } | undefined {
  const out: number[] = [];
  let state = start;
  let childState: StreamState = { current: 0, sticky: -1 };
  for (const node of nodes) {
    let data = node.data;
    if (node.children !== undefined) {
      const inner = writeCompact(rand, node.children, childState, styles);
      if (inner === undefined) return undefined;
      data = inner.bytes;
      childState = inner.end;
    }
    if (data.length > MAX_FULL_LENGTH) return undefined;
    const low = node.protocol & 31;
    const options: { style: Style; prefix: number; atomBits: number; after: StreamState }[] = [];
    for (const style of STYLES) {
      if (!styleFits(style, data)) continue;
      const atomBits = style === 'FULL' ? node.atom : node.atom & 31;
      for (const prefix of PREFIX_CHOICES) {
        const read = decodeAs(state, prefix, style, low, atomBits);
        if (read.protocol === node.protocol && read.atom === node.atom) options.push({ style, prefix, atomBits, after: read.after });
      }
    }
    if (options.length === 0) return undefined;
    // a quarter of the atoms as the compiler writes them, when that reads right here
    const plain = options.filter((o) => o.style === 'FULL' && o.prefix === (node.protocol >= 32 ? 0xe0 | ((node.protocol >> 5) << 3) : -1));
    const choice = plain.length > 0 && rand() < 0.25 ? plain[0] : options[Math.floor(rand() * options.length)];
    if (choice.prefix >= 0) {
      out.push(choice.prefix);
      styles.add(choice.prefix & 1 ? 'sticky prefix' : 'prefix');
    }
    styles.add(choice.style);
    const n = data.length;
    const a5 = choice.atomBits & 31;
    switch (choice.style) {
      case 'FULL':
        out.push(low, choice.atomBits);
        if (n <= 127) out.push(n);
        else out.push(0x80 | (n >> 8), n & 0xff);
        break;
      case 'LENGTH':
        out.push(0x20 | low, (n << 5) | a5);
        break;
      case 'DATA':
        out.push(0x40 | low, (data[0] << 5) | a5);
        break;
      case 'ATOM':
        out.push(0x60 | a5);
        break;
      case 'CURRENT':
        out.push(0x80 | a5, n);
        break;
      case 'ZERO':
        out.push(0xa0 | a5);
        break;
      case 'ONE':
        out.push(0xc0 | a5);
        break;
    }
    if (choice.style === 'FULL' || choice.style === 'LENGTH' || choice.style === 'CURRENT') for (const b of data) out.push(b);
    state = choice.after;
  }
  return { bytes: Uint8Array.from(out), end: state };
}

/**
 * `count` corpus binaries (some with atom edits) re-encoded in the compact styles other
 * encoders use (2.2-2.5): LENGTH, DATA, ATOM, CURRENT, ZERO, ONE, prefix bytes with S = 0
 * and S = 1, nested streams relying on the state their previous sibling left. Read by the
 * rules of decodeAs (2.4, 2.5 and what the reference engine was seen to do), each means
 * the same atoms as its FULL-style source.
 */
export function compactMutants(sources: readonly SourceBinary[], seed: number, count: number): BinaryMutant[] {
  const rand = seededRandom(seed ^ 0x27d4eb2f);
  const usable = sources.filter((s) => readTree(s.binary, 0, s.binary.length) !== undefined);
  const out: BinaryMutant[] = [];
  for (let attempt = 0; out.length < count && usable.length > 0 && attempt < count * 20; attempt++) {
    const source = usable[Math.floor(rand() * usable.length)];
    const tree = readTree(source.binary, 0, source.binary.length);
    if (tree === undefined || tree.length === 0) continue;
    const edits: string[] = [];
    if (rand() < 0.3) {
      const done = edit(rand, tree);
      if (done !== undefined) edits.push(done);
    }
    const styles = new Set<string>();
    const binary = writeCompact(rand, tree, { current: 0, sticky: -1 }, styles)?.bytes;
    if (binary === undefined || binary.length === 0) continue;
    const fullForm = writeTree(tree);
    if (fullForm === undefined) continue;
    edits.push(`styles: ${[...styles].sort().join(', ')}`);
    out.push({ name: `${source.name}%${out.length}`, binary, edits, fullForm });
  }
  return out;
}

/** `count` mutants of the given binaries (those that read as a clean FULL-style tree), seeded. */
export function binaryMutants(sources: readonly SourceBinary[], seed: number, count: number): BinaryMutant[] {
  const rand = seededRandom(seed ^ 0x5bd1e995);
  const usable = sources.filter((s) => {
    const tree = readTree(s.binary, 0, s.binary.length);
    const again = tree && writeTree(tree);
    return again !== undefined && again.length === s.binary.length && again.every((b, i) => b === s.binary[i]);
  });
  const out: BinaryMutant[] = [];
  for (let attempt = 0; out.length < count && usable.length > 0 && attempt < count * 20; attempt++) {
    const source = usable[Math.floor(rand() * usable.length)];
    const tree = readTree(source.binary, 0, source.binary.length);
    if (tree === undefined) continue;
    const edits: string[] = [];
    const wanted = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < wanted * 4 && edits.length < wanted; k++) {
      const done = edit(rand, tree);
      if (done !== undefined) edits.push(done);
    }
    const binary = writeTree(tree);
    if (edits.length === 0 || binary === undefined || binary.length === 0) continue;
    // an edit can land on what was there (the same byte, two equal atoms swapped)
    if (binary.length === source.binary.length && binary.every((b, i) => b === source.binary[i])) continue;
    out.push({ name: `${source.name}~${out.length}`, binary, edits });
  }
  return out;
}
