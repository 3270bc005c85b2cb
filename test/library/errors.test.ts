import { describe, expect, it } from 'vitest';
import { LibraryError } from '@/lib/library/errors';

describe('LibraryError across bundles', () => {
  it('is recognised by its brand, as a copy of the class in another bundle makes it', () => {
    // what the server bundle's own copy of the class produces: same brand, other prototype
    const fromOtherBundle = Object.assign(new Error('no form with id 1'), { [Symbol.for('atomforge.library.error')]: true, kind: 'not-found' });
    expect(fromOtherBundle instanceof LibraryError).toBe(true);
    expect(new LibraryError('not-found', 'no form') instanceof LibraryError).toBe(true);
  });

  it('is not any other error', () => {
    expect(new Error('x') instanceof LibraryError).toBe(false);
    expect(Object.assign(new Error('x'), { kind: 'not-found' }) instanceof LibraryError).toBe(false);
    const nothing: unknown = null;
    expect(nothing instanceof LibraryError).toBe(false);
  });
});
