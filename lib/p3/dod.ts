/**
 * DOD facts of a reassembled stream (p3-framing.md §4): form ids, GIDs, transaction ids and
 * the header of each piece of art (magic, width, height, image size; little-endian fields).
 */
import { scanAtoms } from './atoms';
import { ART_HEADER_BYTES, ART_MAGIC, DOD_ATOMS, type DodAtomName } from './dod-atoms';
import { formatGid, readUnsigned } from './gid';
import { toHex } from './hex';

export interface ArtHeader {
  /** the atom that carries it */
  atom: 'dod_data' | 'idb_append_data';
  /** byte offset of that atom in the stream */
  offset: number;
  /** the atom's data length */
  bytes: number;
  /** bytes 14-15, hex */
  magic: string;
  /** 'JG', 'GIF/BMP', or 'unknown' */
  kind: string;
  width: number;
  height: number;
  /** image bytes after the header, as the header states them (bytes 22-25) */
  size: number;
}

export interface DodFacts {
  formIds: string[];
  gids: string[];
  transactionIds: number[];
  art: ArtHeader[];
}

const le16 = (d: Uint8Array, i: number) => d[i]! | (d[i + 1]! << 8);
const le32 = (d: Uint8Array, i: number) => (d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16)) + d[i + 3]! * 0x1000000;

function which(protocol: number, atom: number): DodAtomName | undefined {
  for (const name of Object.keys(DOD_ATOMS) as DodAtomName[]) {
    const a = DOD_ATOMS[name];
    if (a.protocol === protocol && a.atom === atom) return name;
  }
  return undefined;
}

function artHeader(atom: ArtHeader['atom'], offset: number, d: Uint8Array): ArtHeader | undefined {
  if (d.length < ART_HEADER_BYTES) return undefined;
  const magic = toHex(d.subarray(14, 16));
  const kind = ART_MAGIC[magic];
  // idb_append_data also carries compiled forms: only a known magic marks art there
  if (!kind && atom === 'idb_append_data') return undefined;
  return { atom, offset, bytes: d.length, magic, kind: kind ?? 'unknown', width: le16(d, 16), height: le16(d, 18), size: le32(d, 22) };
}

export function dodFacts(fdo: Uint8Array): DodFacts {
  const facts: DodFacts = { formIds: [], gids: [], transactionIds: [], art: [] };
  for (const a of scanAtoms(fdo).atoms) {
    const name = which(a.protocol, a.atom);
    if (!name) continue;
    const d = fdo.subarray(a.dataStart, a.end);
    switch (name) {
      case 'dod_form_id':
        facts.formIds.push(formatGid(d));
        break;
      case 'dod_gid':
      case 'idb_atr_globalid':
        facts.gids.push(formatGid(d));
        break;
      case 'uni_transaction_id':
        facts.transactionIds.push(readUnsigned(d));
        break;
      case 'dod_data':
      case 'idb_append_data': {
        const art = artHeader(name, a.start, d);
        if (art) facts.art.push(art);
        break;
      }
    }
  }
  return facts;
}
