/** The error for a top-level atom that runs past the end of the input (spec 2.9). */
import { FdoError } from '../errors';
import { atomEntry } from './atom-index';
import { STYLE_NAMES, type AtomFault } from './atom-reader';

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function truncatedAtomError(fault: AtomFault): FdoError {
  let which = `the atom at byte offset ${fault.offset} (${STYLE_NAMES[fault.style]} style`;
  if (fault.protocol !== undefined) which += `, protocol ${fault.protocol}`;
  if (fault.protocol !== undefined && fault.atom !== undefined) {
    const name = atomEntry(fault.protocol, fault.atom)?.def.name;
    which += `, atom ${fault.atom}${name ? ` ${name}` : ''}`;
  }
  which += ')';
  const left = fault.dataRemaining ?? 0;
  const problem =
    fault.declared !== undefined
      ? `declares ${count(fault.declared, 'data byte')} but only ${count(left, 'byte')} ${left === 1 ? 'follows' : 'follow'} its header`
      : `is cut inside its header: it needs ${count(fault.headerNeeded ?? 0, 'byte')} and ${count(fault.remaining, 'byte')} ${fault.remaining === 1 ? 'remains' : 'remain'}`;
  return new FdoError({ kind: 'Truncated Atom', message: `${capitalised(which)} ${problem}`, offset: fault.offset });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
