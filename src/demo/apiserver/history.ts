import type { KubernetesObject } from '@kubernetes/client-node';
import type { WatchEventType } from '../controller.js';

/** One stored change; `prev` lets a list at an older resourceVersion be rebuilt. */
export interface StoredEvent {
  rv: number;
  type: WatchEventType;
  key: string;
  obj: KubernetesObject;
  prev?: KubernetesObject;
  /** The watch line `{"type":..,"object":..}\n`, serialised once for all watchers. */
  line?: string;
}

/** A bounded ring of one collection's changes: what a watch or continue token can resume from. */
export class EventHistory {
  private readonly ring: (StoredEvent | undefined)[];
  private start = 0;
  private size = 0;
  /** The resourceVersion of the newest event dropped from the ring (0 = nothing dropped). */
  evictedUpTo = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array(capacity);
  }

  push(ev: StoredEvent): void {
    if (this.size === this.capacity) {
      this.evictedUpTo = this.ring[this.start]!.rv;
      this.ring[this.start] = ev;
      this.start = (this.start + 1) % this.capacity;
    } else {
      this.ring[(this.start + this.size) % this.capacity] = ev;
      this.size++;
    }
  }

  /** Whether every event after rv is still held. */
  covers(rv: number): boolean {
    return rv >= this.evictedUpTo;
  }

  /** Events with resourceVersion > rv, oldest first. */
  since(rv: number): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (let i = this.size - 1; i >= 0; i--) {
      const ev = this.ring[(this.start + i) % this.capacity]!;
      if (ev.rv <= rv) break;
      out.push(ev);
    }
    return out.reverse();
  }
}

export function watchLine(ev: StoredEvent): string {
  ev.line ??= `{"type":"${ev.type}","object":${JSON.stringify(ev.obj)}}\n`;
  return ev.line;
}
