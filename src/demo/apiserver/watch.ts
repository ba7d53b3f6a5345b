import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubernetesObject } from '@kubernetes/client-node';
import { type StoredEvent, watchLine } from './history.js';
import type { ResourcePath } from './resource-path.js';
import { apiVersionOf } from './resources.js';
import type { ObjectStore } from './store.js';
import { toTable } from './table.js';

export interface WatchOptions {
  table: boolean;
  /** Where the objects are stored when the watched resource is a view of another (events.k8s.io). */
  storage?: ResourcePath;
  bookmarkIntervalMs: number;
}

/** Buffered bytes after which a watcher that does not read is cut off, as the real server does. */
const MAX_BACKLOG = 64 * 1024 * 1024;

/**
 * A watch over HTTP: JSON lines of {type, object}, from a resourceVersion or with the current state
 * first, BOOKMARKs when asked, an ERROR 410 when the rv is older than the kept history.
 */
export function serveWatch(
  store: ObjectStore,
  p: ResourcePath,
  q: URLSearchParams,
  match: (o: KubernetesObject) => boolean,
  req: IncomingMessage,
  res: ServerResponse,
  opts: WatchOptions,
): void {
  const inScope = (o: KubernetesObject | undefined): boolean =>
    o !== undefined &&
    (!p.namespace || o.metadata?.namespace === p.namespace) &&
    (!p.name || o.metadata?.name === p.name) &&
    match(o);
  const rvText = q.get('resourceVersion') ?? '';
  const bookmarks = q.get('allowWatchBookmarks') === 'true' || q.get('allowWatchBookmarks') === '1';
  const sendInitial = q.get('sendInitialEvents') === 'true';
  const timeoutSeconds = Number(q.get('timeoutSeconds') ?? 1800);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  let firstTable = true;
  const write = (s: string): void => {
    res.write(s);
    if (res.writableLength > MAX_BACKLOG) stop();
  };
  const writeObject = (type: string, o: KubernetesObject, ev?: StoredEvent): void => {
    if (opts.table) {
      const table = toTable((opts.storage ?? p).type, [o], {
        includeObject: q.get('includeObject') ?? 'Metadata',
        resourceVersion: o.metadata?.resourceVersion ?? '',
        withColumns: firstTable,
      });
      firstTable = false;
      write(`${JSON.stringify({ type, object: table })}\n`);
    } else if (p.type.view) write(`${JSON.stringify({ type, object: p.type.view.toView(o) })}\n`);
    else if (ev && ev.type === type) write(watchLine(ev));
    else write(`{"type":"${type}","object":${JSON.stringify(o)}}\n`);
  };
  const bookmark = (annotations?: Record<string, string>): void => {
    const metadata: Record<string, unknown> = {
      resourceVersion: String(store.resourceVersion),
      creationTimestamp: null,
    };
    if (annotations) metadata.annotations = annotations;
    write(
      `${JSON.stringify({ type: 'BOOKMARK', object: { kind: p.type.kind, apiVersion: apiVersionOf(p.type), metadata } })}\n`,
    );
  };
  const deliver = (ev: StoredEvent): void => {
    if (ev.type === 'ADDED') {
      if (inScope(ev.obj)) writeObject('ADDED', ev.obj, ev);
    } else if (ev.type === 'DELETED') {
      if (inScope(ev.prev ?? ev.obj)) writeObject('DELETED', ev.obj, ev);
    } else {
      const was = inScope(ev.prev);
      const is = inScope(ev.obj);
      if (was && is) writeObject('MODIFIED', ev.obj, ev);
      else if (was) writeObject('DELETED', ev.obj);
      else if (is) writeObject('ADDED', ev.obj);
    }
  };

  let unsubscribe: (() => void) | undefined;
  let bookmarkTimer: NodeJS.Timeout | undefined;
  let timeout: NodeJS.Timeout | undefined;
  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    unsubscribe?.();
    clearInterval(bookmarkTimer);
    clearTimeout(timeout);
    res.end();
  }
  req.on('close', stop);
  res.on('close', stop);

  const stored = opts.storage ?? p;
  const history = store.history(stored.gvr);
  if (rvText === '' || rvText === '0' || sendInitial) {
    for (const o of store.list(stored.gvr, p.namespace)) if (inScope(o)) writeObject('ADDED', o);
    if (sendInitial && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const rv = Number(rvText);
    if (!Number.isInteger(rv) || rv < 0) {
      write(
        `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `invalid resource version: ${rvText}`, reason: 'BadRequest', code: 400 } })}\n`,
      );
      stop();
      return;
    }
    if (!history.covers(rv)) {
      const message = `too old resource version: ${rv} (${history.evictedUpTo + 1})`;
      write(
        `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Expired', code: 410 } })}\n`,
      );
      stop();
      return;
    }
    for (const ev of history.since(rv)) deliver(ev);
  }
  unsubscribe = store.subscribe(stored.gvr, deliver);
  if (bookmarks) bookmarkTimer = setInterval(() => bookmark(), opts.bookmarkIntervalMs);
  // Like the watch cache: a bookmark 2 s before the deadline, so the client can resume from it.
  if (bookmarks && timeoutSeconds > 2) {
    const last = setTimeout(() => bookmark(), (timeoutSeconds - 2) * 1000);
    res.on('close', () => clearTimeout(last));
  }
  timeout = setTimeout(stop, timeoutSeconds * 1000);
}
