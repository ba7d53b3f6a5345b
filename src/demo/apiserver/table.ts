import type { KubernetesObject } from '@kubernetes/client-node';
import { since } from '../../model/age.js';
import type { PrinterColumn, ResourceType } from './resources.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Cell = string | number | boolean | null;
// biome-ignore lint/suspicious/noExplicitAny: printers walk arbitrary object JSON, typed loosely on purpose.
type Loose = any;
type Printer = {
  columns: [name: string, type?: string, priority?: number][];
  row: (o: Loose, now: number) => Cell[];
};

const NAME_COLUMN: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

function age(o: Loose, now: number): string {
  return since(o.metadata?.creationTimestamp, now);
}

function images(spec: Loose): [string, string] {
  const cs: Loose[] =
    spec?.template?.spec?.containers ?? spec?.jobTemplate?.spec?.template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

function selectorText(sel: Loose): string {
  if (!sel) return '<none>';
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${e.values.join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${e.values.join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function mapText(m: Record<string, string> | undefined): string {
  const parts = Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
}

/** kubectl's pod STATUS column (printPod), including Init:x/y, Terminating and crash reasons. */
export function podStatusText(pod: Loose): { status: string; ready: string; restarts: string } {
  const total = pod.spec?.containers?.length ?? 0;
  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let reason: string = pod.status?.reason || pod.status?.phase || '';
  const initStatuses: Loose[] = pod.status?.initContainerStatuses ?? [];
  let initializing = false;
  const noteRestart = (cs: Loose) => {
    restarts += cs.restartCount ?? 0;
    const t = cs.lastState?.terminated?.finishedAt;
    if (t) lastRestart = Math.max(lastRestart ?? 0, Date.parse(t));
  };
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    noteRestart(cs);
    const term = cs.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (cs.started && cs.state?.running) continue;
    if (term) {
      reason = term.reason
        ? `Init:${term.reason}`
        : term.signal
          ? `Init:Signal:${term.signal}`
          : `Init:ExitCode:${term.exitCode}`;
    } else if (cs.state?.waiting?.reason && cs.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${cs.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${pod.spec?.initContainers?.length ?? initStatuses.length}`;
    }
    initializing = true;
    break;
  }
  if (!initializing) {
    restarts = 0;
    lastRestart = undefined;
    let hasRunning = false;
    const statuses: Loose[] = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      noteRestart(cs);
      if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
      else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
      else if (cs.state?.terminated) {
        reason = cs.state.terminated.signal
          ? `Signal:${cs.state.terminated.signal}`
          : `ExitCode:${cs.state.terminated.exitCode}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = (pod.status?.conditions ?? []).find((c: Loose) => c.type === 'Ready');
      reason = readyCond?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  const restartText =
    lastRestart !== undefined
      ? `${restarts} (${since(new Date(lastRestart).toISOString(), Date.now())} ago)`
      : String(restarts);
  return { status: reason, ready: `${ready}/${total}`, restarts: restartText };
}

function servicePorts(spec: Loose): string {
  const ports: Loose[] = spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
}

function externalIp(svc: Loose): string {
  const type = svc.spec?.type;
  const lb: string[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: Loose) => i.ip || i.hostname);
  const ext: string[] = svc.spec?.externalIPs ?? [];
  if (type === 'ExternalName') return svc.spec?.externalName ?? '<none>';
  if (type === 'LoadBalancer') {
    const all = [...lb, ...ext];
    return all.length ? all.join(',') : '<pending>';
  }
  return ext.length ? ext.join(',') : '<none>';
}

function nodeStatus(node: Loose): string {
  const ready = (node.status?.conditions ?? []).find((c: Loose) => c.type === 'Ready');
  const parts = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: Loose): string {
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .filter(Boolean);
  return roles.length ? roles.sort().join(',') : '<none>';
}

function address(node: Loose, type: string): string {
  return (node.status?.addresses ?? []).find((a: Loose) => a.type === type)?.address ?? '<none>';
}

function jobStatus(job: Loose): string {
  const conds: Loose[] = job.status?.conditions ?? [];
  const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function durationText(job: Loose, now: number): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
  return since(start, end);
}

const PRINTERS: Record<string, Printer> = {
  '/Pod': {
    columns: [
      ['Ready'],
      ['Status'],
      ['Restarts', 'string'],
      ['Age'],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ],
    row: (o, now) => {
      const s = podStatusText(o);
      const gates: Loose[] = o.spec?.readinessGates ?? [];
      return [
        s.ready,
        s.status,
        s.restarts,
        age(o, now),
        o.status?.podIP || '<none>',
        o.spec?.nodeName || '<none>',
        o.status?.nominatedNodeName || '<none>',
        gates.length ? `0/${gates.length}` : '<none>',
      ];
    },
  },
  'apps/Deployment': {
    columns: [
      ['Ready'],
      ['Up-to-date', 'integer'],
      ['Available', 'integer'],
      ['Age'],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
    row: (o, now) => [
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      o.status?.updatedReplicas ?? 0,
      o.status?.availableReplicas ?? 0,
      age(o, now),
      ...images(o.spec),
      selectorText(o.spec?.selector),
    ],
  },
  'apps/ReplicaSet': {
    columns: [
      ['Desired', 'integer'],
      ['Current', 'integer'],
      ['Ready', 'integer'],
      ['Age'],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
    row: (o, now) => [
      o.spec?.replicas ?? 0,
      o.status?.replicas ?? 0,
      o.status?.readyReplicas ?? 0,
      age(o, now),
      ...images(o.spec),
      selectorText(o.spec?.selector),
    ],
  },
  'apps/StatefulSet': {
    columns: [['Ready'], ['Age'], ['Containers', 'string', 1], ['Images', 'string', 1]],
    row: (o, now) => [
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      age(o, now),
      ...images(o.spec),
    ],
  },
  'apps/DaemonSet': {
    columns: [
      ['Desired', 'integer'],
      ['Current', 'integer'],
      ['Ready', 'integer'],
      ['Up-to-date', 'integer'],
      ['Available', 'integer'],
      ['Node Selector'],
      ['Age'],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
    row: (o, now) => [
      o.status?.desiredNumberScheduled ?? 0,
      o.status?.currentNumberScheduled ?? 0,
      o.status?.numberReady ?? 0,
      o.status?.updatedNumberScheduled ?? 0,
      o.status?.numberAvailable ?? 0,
      mapText(o.spec?.template?.spec?.nodeSelector),
      age(o, now),
      ...images(o.spec),
      selectorText(o.spec?.selector),
    ],
  },
  '/Service': {
    columns: [['Type'], ['Cluster-IP'], ['External-IP'], ['Port(s)'], ['Age'], ['Selector', 'string', 1]],
    row: (o, now) => [
      o.spec?.type ?? 'ClusterIP',
      o.spec?.clusterIP || '<none>',
      externalIp(o),
      servicePorts(o.spec),
      age(o, now),
      mapText(o.spec?.selector),
    ],
  },
  '/Node': {
    columns: [
      ['Status'],
      ['Roles'],
      ['Age'],
      ['Version'],
      ['Internal-IP', 'string', 1],
      ['External-IP', 'string', 1],
      ['OS-Image', 'string', 1],
      ['Kernel-Version', 'string', 1],
      ['Container-Runtime', 'string', 1],
    ],
    row: (o, now) => [
      nodeStatus(o),
      nodeRoles(o),
      age(o, now),
      o.status?.nodeInfo?.kubeletVersion ?? '',
      address(o, 'InternalIP'),
      address(o, 'ExternalIP'),
      o.status?.nodeInfo?.osImage ?? '<unknown>',
      o.status?.nodeInfo?.kernelVersion ?? '<unknown>',
      o.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>',
    ],
  },
  '/Namespace': {
    columns: [['Status'], ['Age']],
    row: (o, now) => [o.status?.phase ?? 'Active', age(o, now)],
  },
  '/ConfigMap': {
    columns: [['Data', 'integer'], ['Age']],
    row: (o, now) => [Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, age(o, now)],
  },
  '/Secret': {
    columns: [['Type'], ['Data', 'integer'], ['Age']],
    row: (o, now) => [o.type ?? 'Opaque', Object.keys(o.data ?? {}).length, age(o, now)],
  },
  '/ServiceAccount': {
    columns: [['Secrets', 'integer'], ['Age']],
    row: (o, now) => [(o.secrets ?? []).length, age(o, now)],
  },
  '/Endpoints': {
    columns: [['Endpoints'], ['Age']],
    row: (o, now) => {
      const eps: string[] = [];
      for (const s of o.subsets ?? [])
        for (const a of s.addresses ?? [])
          for (const p of s.ports ?? [{ port: undefined }]) eps.push(p.port ? `${a.ip}:${p.port}` : a.ip);
      const text =
        eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',');
      return [text || '<none>', age(o, now)];
    },
  },
  '/PersistentVolumeClaim': {
    columns: [
      ['Status'],
      ['Volume'],
      ['Capacity'],
      ['Access Modes'],
      ['StorageClass'],
      ['VolumeAttributesClass'],
      ['Age'],
      ['VolumeMode', 'string', 1],
    ],
    row: (o, now) => [
      o.status?.phase ?? 'Pending',
      o.spec?.volumeName ?? '',
      o.status?.capacity?.storage ?? '',
      (o.status?.accessModes ?? [])
        .map(
          (m: string) =>
            ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[
              m
            ] ?? m,
        )
        .join(','),
      o.spec?.storageClassName ?? '',
      '<unset>',
      age(o, now),
      o.spec?.volumeMode ?? 'Filesystem',
    ],
  },
  'batch/Job': {
    columns: [
      ['Status'],
      ['Completions'],
      ['Duration'],
      ['Age'],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
    row: (o, now) => [
      jobStatus(o),
      `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`,
      durationText(o, now),
      age(o, now),
      ...images(o.spec),
      selectorText(o.spec?.selector),
    ],
  },
  'batch/CronJob': {
    columns: [
      ['Schedule'],
      ['Timezone'],
      ['Suspend', 'boolean'],
      ['Active', 'integer'],
      ['Last Schedule'],
      ['Age'],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
    row: (o, now) => [
      o.spec?.schedule ?? '',
      o.spec?.timeZone ?? '<none>',
      Boolean(o.spec?.suspend),
      (o.status?.active ?? []).length,
      o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>',
      age(o, now),
      ...images(o.spec),
      selectorText(o.spec?.jobTemplate?.spec?.selector),
    ],
  },
  'networking.k8s.io/Ingress': {
    columns: [['Class'], ['Hosts'], ['Address'], ['Ports'], ['Age']],
    row: (o, now) => {
      const hosts = (o.spec?.rules ?? []).map((r: Loose) => r.host).filter(Boolean);
      const addr = (o.status?.loadBalancer?.ingress ?? []).map((i: Loose) => i.ip || i.hostname).join(',');
      return [
        o.spec?.ingressClassName ?? '<none>',
        hosts.length ? hosts.join(',') : '*',
        addr,
        o.spec?.tls?.length ? '80, 443' : '80',
        age(o, now),
      ];
    },
  },
  '/Event': {
    columns: [
      ['Last Seen'],
      ['Type'],
      ['Reason'],
      ['Object'],
      ['Subobject', 'string', 1],
      ['Source', 'string', 1],
      ['Message'],
      ['First Seen', 'string', 1],
      ['Count', 'integer', 1],
      ['Name', 'string', 1],
    ],
    row: (o, now) => {
      const last =
        o.series?.lastObservedTime ?? o.lastTimestamp ?? o.eventTime ?? o.metadata?.creationTimestamp;
      const io = o.involvedObject ?? {};
      return [
        since(last, now),
        o.type ?? '',
        o.reason ?? '',
        `${(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`,
        io.fieldPath ?? '',
        o.source?.component ?? o.reportingComponent ?? '',
        o.message ?? '',
        since(o.firstTimestamp ?? o.eventTime, now),
        o.count ?? 1,
        o.metadata?.name ?? '',
      ];
    },
  },
  'apiextensions.k8s.io/CustomResourceDefinition': {
    columns: [['Created At', 'date']],
    row: (o) => [o.metadata?.creationTimestamp ?? ''],
  },
  'discovery.k8s.io/EndpointSlice': {
    columns: [['AddressType'], ['Ports'], ['Endpoints'], ['Age']],
    row: (o, now) => {
      const ports = (o.ports ?? []).map((p: Loose) => p.port).join(',') || '<unset>';
      const addrs = (o.endpoints ?? []).flatMap((e: Loose) => e.addresses ?? []);
      const text =
        addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',');
      return [o.addressType ?? '', ports, text || '<unset>', age(o, now)];
    },
  },
};

function columnDef(name: string, type = 'string', priority = 0): ColumnDefinition {
  return { name, type, format: '', description: name, priority };
}

/** Evaluates the simple JSONPaths CRDs use in additionalPrinterColumns (`.spec.a[0].b`). */
function jsonPath(o: Loose, path: string): unknown {
  let cur: Loose = o;
  for (const m of path.matchAll(/\.([^.[\]]+)|\[(\d+|\*)\]/g)) {
    if (cur === undefined || cur === null) return undefined;
    if (m[1] !== undefined) cur = cur[m[1]];
    else if (m[2] === '*') return Array.isArray(cur) ? cur.join(',') : undefined;
    else cur = cur[Number(m[2])];
  }
  return cur;
}

function crdCell(o: Loose, col: PrinterColumn, now: number): Cell {
  const v = jsonPath(o, col.jsonPath);
  if (v === undefined || v === null) return null;
  if (col.type === 'date') return since(String(v), now);
  if (typeof v === 'object') return JSON.stringify(v);
  return v as Cell;
}

/** A metav1.Table of objs, as `Accept: application/json;as=Table;g=meta.k8s.io;v=v1` asks. */
export function toTable(
  t: ResourceType,
  objs: KubernetesObject[],
  opts: {
    includeObject: string;
    resourceVersion: string;
    continueToken?: string;
    remainingItemCount?: number;
    withColumns?: boolean;
  },
): Record<string, unknown> {
  const now = Date.now();
  const printer = PRINTERS[`${t.group}/${t.kind}`];
  let defs: ColumnDefinition[];
  let row: (o: Loose) => Cell[];
  if (printer) {
    defs = printer.columns.map(([n, type, prio]) => columnDef(n, type, prio));
    row = (o) => printer.row(o, now);
  } else if (t.printerColumns?.length) {
    const cols = t.printerColumns;
    defs = cols.map((c) => ({
      name: c.name,
      type: c.type === 'date' ? 'date' : c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    }));
    row = (o) => cols.map((c) => crdCell(o, c, now));
  } else {
    defs = [columnDef('Age', 'date')];
    row = (o) => [age(o, now)];
  }
  const rows = objs.map((o) => {
    const r: Record<string, unknown> = { cells: [o.metadata?.name ?? '', ...row(o)] };
    if (opts.includeObject === 'Object') r.object = o;
    else if (opts.includeObject !== 'None') {
      r.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
    }
    return r;
  });
  const metadata: Record<string, unknown> = { resourceVersion: opts.resourceVersion };
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  const table: Record<string, unknown> = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata };
  if (opts.withColumns !== false) table.columnDefinitions = [NAME_COLUMN, ...defs];
  table.rows = rows;
  return table;
}
