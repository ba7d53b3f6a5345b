/** One API call as `kubectl -v=8` would show it. */
export interface RequestRecord {
  id: number;
  method: string;
  /** Path with query string, as sent. */
  url: string;
  /** HTTP status; 0 while in flight or when unreachable; 101 for upgraded streams. */
  status: number;
  /** Time to the response headers, in ms. */
  latencyMs: number;
  /** Body bytes received so far (streams keep counting). */
  bytes: number;
  startedAt: number;
  error?: string;
  /** Streams (watch, logs, exec) stay open after the status arrives. */
  streaming: boolean;
}

/** A bounded ring of recent requests; listeners hear about every change. */
export class RequestLog {
  private records: RequestRecord[] = [];
  private nextId = 1;
  private listeners = new Set<() => void>();

  constructor(private readonly capacity = 2000) {}

  start(method: string, url: string, streaming: boolean): RequestRecord {
    const record: RequestRecord = {
      id: this.nextId++,
      method,
      url,
      status: 0,
      latencyMs: 0,
      bytes: 0,
      startedAt: Date.now(),
      streaming,
    };
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
    this.emit();
    return record;
  }

  changed(): void {
    this.emit();
  }

  list(): readonly RequestRecord[] {
    return this.records;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
