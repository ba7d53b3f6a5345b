import type { CoreV1Event } from '@kubernetes/client-node';
import { since, toMillis } from '../age.js';
import type { Renderer } from '../table.js';
import { makeRow } from './common.js';

/** formatEventSource: component (or reporting controller), then `, host` (or reporting instance) when known. */
export function eventSource(e: CoreV1Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** The times and count kubectl shows for an event, whichever API (core/v1 or events.k8s.io series) filled them. */
export function eventTimes(e: CoreV1Event): { first?: number; last?: number; count: number } {
  const first = toMillis(e.firstTimestamp) ?? toMillis(e.eventTime);
  let last = toMillis(e.lastTimestamp) ?? first;
  let count = e.count ?? 0;
  if (e.series) {
    last = toMillis(e.series.lastObservedTime);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  return { ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}), count };
}

/**
 * LAST SEEN TYPE REASON OBJECT COUNT FIRST SEEN MESSAGE (kubectl's columns, with the count and first
 * time shown, as k9s does: a BackOff seen 40 times is not one event), wide SUBOBJECT SOURCE; newest first.
 * NAME leads here (so every renderer starts with it) but is wide-only, as kubectl shows it.
 */
export const eventRenderer: Renderer<CoreV1Event> = {
  columns: [
    { name: 'NAME', wide: true },
    { name: 'LAST SEEN', sort: 'age' },
    { name: 'TYPE' },
    { name: 'REASON' },
    { name: 'OBJECT' },
    { name: 'SUBOBJECT', wide: true },
    { name: 'SOURCE', wide: true },
    { name: 'COUNT', align: 'right', sort: 'number' },
    { name: 'FIRST SEEN', sort: 'age' },
    { name: 'MESSAGE' },
  ],
  defaultSort: { column: 'LAST SEEN' },
  render(e, ctx) {
    const t = eventTimes(e);
    const firstText = t.first === undefined ? '<unknown>' : since(t.first, ctx.now);
    const lastText = t.last === undefined ? '<unknown>' : since(t.last, ctx.now);
    const kind = (e.involvedObject?.kind ?? '').toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return makeRow(
      e,
      [
        e.metadata?.name ?? '',
        lastText,
        e.type ?? '',
        e.reason ?? '',
        target,
        e.involvedObject?.fieldPath ?? '',
        eventSource(e),
        String(t.count),
        firstText,
        (e.message ?? '').trim(),
      ],
      e.type === 'Warning' ? 'warn' : 'neutral',
      [undefined, t.last, undefined, undefined, undefined, undefined, undefined, t.count, t.first, undefined],
    );
  },
};
