/** The error for a top-level atom that runs past the end of the input (spec 2.9). */
import { FdoError } from '../errors';
import { atomEntry } from './atom-index';
import { STYLE_NAMES, type AtomFault } from './atom-reader';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function truncatedAtomError(fault: AtomFault): FdoError {
  let which = `the ${STYLE_NAMES[fault.style]}-style atom at byte offset ${fault.offset}`;
  if (fault.protocol !== undefined && fault.atom !== undefined) {
    const name = atomEntry(fault.protocol, fault.atom)?.def.name;
    which += ` (protocol ${fault.protocol}, atom ${fault.atom}${name ? ` ${name}` : ''})`;
  } else if (fault.protocol !== undefined) {
    which += ` (protocol ${fault.protocol})`;
  }
  const problem = fault.declared !== undefined
    ? `declares ${plural(fault.declared, 'data byte')} but only ${plural(fault.dataRemaining ?? 0, 'byte')} follow its header`
    : `is cut inside its header: it needs ${plural(fault.headerNeeded ?? 0, 'header byte')} and ${plural(fault.remaining, 'byte')} remain`;
  return new FdoError({ kind: 'Truncated Atom', message: `Truncated Atom: ${which} ${problem}`, offset: fault.offset });
}
