/**
 * Round-robin selection: each pick starts after the previous pick, so load spreads evenly
 * over the daemons that may take a request. Candidates tried already by this request are
 * passed over while an untried one can take it.
 */
export interface Selectable {
  id: string;
}

export class RoundRobin {
  private cursor = 0;

  /**
   * The next item after the last pick for which `eligible` holds, preferring items whose id
   * is not in `tried`; null when none is eligible.
   */
  pick<T extends Selectable>(items: readonly T[], eligible: (item: T) => boolean, tried: ReadonlySet<string> = new Set()): T | null {
    const n = items.length;
    if (n === 0) return null;
    let fallback = -1;
    for (let step = 0; step < n; step++) {
      const i = (this.cursor + step) % n;
      const item = items[i]!;
      if (!eligible(item)) continue;
      if (!tried.has(item.id)) {
        this.cursor = (i + 1) % n;
        return item;
      }
      if (fallback < 0) fallback = i;
    }
    if (fallback < 0) return null;
    this.cursor = (fallback + 1) % n;
    return items[fallback]!;
  }
}
