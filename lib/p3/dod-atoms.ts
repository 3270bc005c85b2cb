/** The atoms DOD facts are read from (protocol/atom numbers from the atom table). */

export const DOD_ATOMS = {
  uni_transaction_id: { protocol: 0, atom: 60 },
  idb_append_data: { protocol: 5, atom: 11 },
  idb_atr_globalid: { protocol: 5, atom: 20 },
  dod_gid: { protocol: 27, atom: 2 },
  dod_form_id: { protocol: 27, atom: 3 },
  dod_data: { protocol: 27, atom: 5 },
} as const;

export type DodAtomName = keyof typeof DOD_ATOMS;

/** Art magic (bytes 14-15 of the 40-byte header) -> what it marks. */
export const ART_MAGIC: Readonly<Record<string, string>> = {
  '0902': 'JG',
  '0502': 'GIF/BMP',
};

export const ART_HEADER_BYTES = 40;
