import { useEffect, useState } from 'react';
import type { KubeClient } from '../../kube/client.js';
import { LogBuffer, sanitizeLogLine } from '../../model/log-buffer.js';
import type { LogTarget } from '../../model/log-target.js';
import { type LogSource, WorkloadLogs } from '../../session/workload-logs.js';
import type { ResourceStore } from '../../store/store.js';

export interface LogStreamSettings {
  tailLines?: number;
  sinceSeconds?: number;
  previous: boolean;
}

export interface LogStreamView {
  buffer: LogBuffer;
  sources: readonly LogSource[];
  /** Bumps when lines or sources changed, at most UPDATES_PER_SECOND times a second. */
  revision: number;
}

/** Screen updates per second while lines pour in; lines themselves are never held back. */
const UPDATES_PER_SECOND = 10;

/**
 * Streams the target's logs into a bounded buffer (a fresh one whenever the target, tail, since or
 * previous change) and re-renders at a bounded rate, never once per line.
 */
export function useLogStream(
  client: Pick<KubeClient, 'stream' | 'request'>,
  store: Pick<ResourceStore, 'subscribe'>,
  target: LogTarget | undefined,
  settings: LogStreamSettings,
  capacity = 50_000,
): LogStreamView {
  const [view, setView] = useState<LogStreamView>(() => ({
    buffer: new LogBuffer(capacity),
    sources: [],
    revision: 0,
  }));
  const { tailLines, sinceSeconds, previous } = settings;
  // By value, so a caller building the target inline does not restart the stream on every render.
  const targetKey = target === undefined ? '' : JSON.stringify(target);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the target is compared through targetKey
  useEffect(() => {
    if (!target) return;
    const buffer = new LogBuffer(capacity);
    let revision = 0;
    let timer: NodeJS.Timeout | undefined;
    const publish = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setView({ buffer, sources: [...logs.sources], revision: ++revision });
      }, 1000 / UPDATES_PER_SECOND);
    };
    const logs = new WorkloadLogs(
      client,
      store,
      target,
      { follow: !previous, tailLines, sinceSeconds, previous },
      {
        onLine: (source, text, time) => {
          buffer.push(source, sanitizeLogLine(text), time);
          publish();
        },
        onSources: publish,
      },
    );
    setView({ buffer, sources: [], revision: 0 });
    logs.start();
    return () => {
      logs.stop();
      clearTimeout(timer);
    };
  }, [client, store, targetKey, tailLines, sinceSeconds, previous, capacity]);
  return view;
}
