/**
 * The playground store's storage (lib/ui/deferred-storage.ts): a change is written after
 * the task that made it, changes in one task are written once, and reads see a pending
 * write.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferredJsonStorage } from '@/lib/ui/deferred-storage';

class MemoryStorage {
  items = new Map<string, string>();
  writes = 0;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.writes++;
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('deferred JSON storage', () => {
  it('writes after the task, once for a burst of changes, and reads the pending value first', () => {
    const memory = new MemoryStorage();
    const storage = deferredJsonStorage<{ source: string }>(() => memory)!;
    storage.setItem('k', { state: { source: 'a' }, version: 0 });
    storage.setItem('k', { state: { source: 'ab' }, version: 0 });
    expect(memory.writes).toBe(0);
    expect(storage.getItem('k')).toEqual({ state: { source: 'ab' }, version: 0 });
    vi.runAllTimers();
    expect(memory.writes).toBe(1);
    expect(JSON.parse(memory.getItem('k')!)).toEqual({ state: { source: 'ab' }, version: 0 });
    expect(storage.getItem('k')).toEqual({ state: { source: 'ab' }, version: 0 });
  });

  it('reads what an earlier page stored, and removes a pending write with the item', () => {
    const memory = new MemoryStorage();
    memory.setItem('k', JSON.stringify({ state: { source: 'stored' }, version: 0 }));
    const storage = deferredJsonStorage<{ source: string }>(() => memory)!;
    expect(storage.getItem('k')).toEqual({ state: { source: 'stored' }, version: 0 });
    storage.setItem('k', { state: { source: 'new' }, version: 0 });
    storage.removeItem('k');
    vi.runAllTimers();
    expect(memory.getItem('k')).toBeNull();
    expect(storage.getItem('k')).toBeNull();
  });

  it('keeps going when the storage refuses a write, and is absent where there is no storage', () => {
    const memory = new MemoryStorage();
    memory.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const storage = deferredJsonStorage<{ source: string }>(() => memory)!;
    storage.setItem('k', { state: { source: 'x' }, version: 0 });
    expect(() => vi.runAllTimers()).not.toThrow();
    expect(
      deferredJsonStorage(() => {
        throw new ReferenceError('sessionStorage is not defined');
      }),
    ).toBeUndefined();
  });
});
