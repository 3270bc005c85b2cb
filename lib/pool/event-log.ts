/** The pool's recent events (crashes, restarts, breaker changes), bounded, newest first. */
import type { PoolEvent, PoolEventType } from '../service/contract';
import type { Clock } from './clock';

export class EventLog {
  private readonly entries: PoolEvent[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 1000,
    private readonly onEvent?: (e: PoolEvent) => void,
  ) {}

  add(type: PoolEventType, daemonId: string | null, message: string): PoolEvent {
    const event: PoolEvent = { time: this.clock.now() / 1000, daemon_id: daemonId, type, message };
    this.entries.push(event);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.onEvent?.(event);
    return event;
  }

  latest(limit = 100): PoolEvent[] {
    const n = Math.max(0, Math.min(Math.floor(limit), this.entries.length));
    return this.entries.slice(this.entries.length - n).reverse();
  }
}
