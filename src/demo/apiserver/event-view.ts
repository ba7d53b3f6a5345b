import type { CoreV1Event, EventsV1Event, KubernetesObject } from '@kubernetes/client-node';

/** A resource served from another one's storage, converted on the way in and out (events.k8s.io over core events). */
export interface ResourceView {
  storage: { group: string; version: string; resource: string };
  toView(stored: KubernetesObject): KubernetesObject;
  fromView(viewed: KubernetesObject): KubernetesObject;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** events.k8s.io/v1 Events are core/v1 Events in another shape, as the API server converts them. */
export const eventsV1View: ResourceView = {
  storage: { group: '', version: 'v1', resource: 'events' },
  toView(stored) {
    const e = stored as CoreV1Event;
    return defined({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: e.metadata,
      eventTime: e.eventTime ?? null,
      series: e.series ? { count: e.series.count, lastObservedTime: e.series.lastObservedTime } : undefined,
      reportingController: e.reportingComponent || e.source?.component,
      reportingInstance: e.reportingInstance || e.source?.host,
      action: e.action,
      reason: e.reason,
      regarding: e.involvedObject,
      related: e.related,
      note: e.message,
      type: e.type,
      deprecatedSource: e.source,
      deprecatedFirstTimestamp: e.firstTimestamp,
      deprecatedLastTimestamp: e.lastTimestamp,
      deprecatedCount: e.count,
    } as EventsV1Event) as KubernetesObject;
  },
  fromView(viewed) {
    const e = viewed as EventsV1Event;
    return defined({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: e.metadata,
      eventTime: e.eventTime,
      series: e.series ? { count: e.series.count, lastObservedTime: e.series.lastObservedTime } : undefined,
      reportingComponent: e.reportingController,
      reportingInstance: e.reportingInstance,
      action: e.action,
      reason: e.reason,
      involvedObject: e.regarding ?? {},
      related: e.related,
      message: e.note,
      type: e.type,
      source:
        e.deprecatedSource ?? (e.reportingController ? { component: e.reportingController } : undefined),
      firstTimestamp: e.deprecatedFirstTimestamp,
      lastTimestamp: e.deprecatedLastTimestamp,
      count: e.deprecatedCount,
    } as CoreV1Event) as KubernetesObject;
  },
};
