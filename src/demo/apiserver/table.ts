import type {
  CoreV1Event,
  KubernetesObject,
  V1ConfigMap,
  V1ContainerStatus,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1EndpointSlice,
  V1Endpoints,
  V1Ingress,
  V1Job,
  V1LabelSelector,
  V1Namespace,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodTemplateSpec,
  V1ReplicaSet,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { since, type Timestamp } from '../../model/age.js';
import type { PrinterColumn, ResourceType } from './resources.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Cell = string | number | boolean | null;
interface Printer {
  columns: [name: string, type?: string, priority?: number][];
  row: (o: KubernetesObject, now: number) => Cell[];
}

/** A printer for objects of type T (stored objects are raw JSON: timestamps are strings, which since() takes). */
function printer<T extends KubernetesObject>(
  columns: Printer['columns'],
  row: (o: T, now: number) => Cell[],
): Printer {
  return { columns, row: (o, now) => row(o as T, now) };
}

const NAME_COLUMN: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

function age(o: KubernetesObject, now: number): string {
  return since(o.metadata?.creationTimestamp, now);
}

function images(template: V1PodTemplateSpec | undefined): [string, string] {
  const cs = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

function selectorText(sel: V1LabelSelector | undefined): string {
  if (!sel) return '<none>';
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function mapText(m: Record<string, string> | undefined): string {
  const parts = Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
}

function ms(t: Timestamp): number {
  return t instanceof Date ? t.getTime() : Date.parse(String(t));
}

/** kubectl's pod STATUS column (printPod), including Init:x/y, Terminating and crash reasons. */
export function podStatusText(pod: V1Pod): { status: string; ready: string; restarts: string } {
  const total = pod.spec?.containers?.length ?? 0;
  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let reason: string = pod.status?.reason || pod.status?.phase || '';
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  let initializing = false;
  const noteRestart = (cs: V1ContainerStatus) => {
    restarts += cs.restartCount ?? 0;
    const t = cs.lastState?.terminated?.finishedAt;
    if (t) lastRestart = Math.max(lastRestart ?? 0, ms(t));
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
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      noteRestart(cs);
      const term = cs.state?.terminated;
      if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
      reason = readyCond?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  const restartText =
    lastRestart !== undefined
      ? `${restarts} (${since(new Date(lastRestart), Date.now())} ago)`
      : String(restarts);
  return { status: reason, ready: `${ready}/${total}`, restarts: restartText };
}

function servicePorts(svc: V1Service): string {
  const ports = svc.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
}

function externalIp(svc: V1Service): string {
  const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
  const ext = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ExternalName':
      return svc.spec.externalName ?? '<none>';
    case 'LoadBalancer': {
      const all = [...lb, ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    default:
      return ext.length ? ext.join(',') : '<none>';
  }
}

function nodeStatus(node: V1Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: V1Node): string {
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .filter(Boolean);
  return roles.length ? roles.sort().join(',') : '<none>';
}

function address(node: V1Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

function jobStatus(job: V1Job): string {
  const conds = job.status?.conditions ?? [];
  const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function jobDuration(job: V1Job, now: number): string {
  const start = job.status?.startTime;
  if (!start) return '';
  return since(start, job.status?.completionTime ? ms(job.status.completionTime) : now);
}

function firstThree(items: string[]): string {
  return items.length > 3 ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...` : items.join(',');
}

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};
const WIDE = 1;

/** Server-side printers of the built-in kinds, with the columns kube-apiserver prints. */
const PRINTERS: Record<string, Printer> = {
  '/Pod': printer<V1Pod>(
    [
      ['Ready'],
      ['Status'],
      ['Restarts', 'string'],
      ['Age'],
      ['IP', 'string', WIDE],
      ['Node', 'string', WIDE],
      ['Nominated Node', 'string', WIDE],
      ['Readiness Gates', 'string', WIDE],
    ],
    (o, now) => {
      const s = podStatusText(o);
      const gates = o.spec?.readinessGates ?? [];
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
  ),
  'apps/Deployment': printer<V1Deployment>(
    [
      ['Ready'],
      ['Up-to-date', 'integer'],
      ['Available', 'integer'],
      ['Age'],
      ['Containers', 'string', WIDE],
      ['Images', 'string', WIDE],
      ['Selector', 'string', WIDE],
    ],
    (o, now) => [
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      o.status?.updatedReplicas ?? 0,
      o.status?.availableReplicas ?? 0,
      age(o, now),
      ...images(o.spec?.template),
      selectorText(o.spec?.selector),
    ],
  ),
  'apps/ReplicaSet': printer<V1ReplicaSet>(
    [
      ['Desired', 'integer'],
      ['Current', 'integer'],
      ['Ready', 'integer'],
      ['Age'],
      ['Containers', 'string', WIDE],
      ['Images', 'string', WIDE],
      ['Selector', 'string', WIDE],
    ],
    (o, now) => [
      o.spec?.replicas ?? 0,
      o.status?.replicas ?? 0,
      o.status?.readyReplicas ?? 0,
      age(o, now),
      ...images(o.spec?.template),
      selectorText(o.spec?.selector),
    ],
  ),
  'apps/StatefulSet': printer<V1StatefulSet>(
    [['Ready'], ['Age'], ['Containers', 'string', WIDE], ['Images', 'string', WIDE]],
    (o, now) => [
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      age(o, now),
      ...images(o.spec?.template),
    ],
  ),
  'apps/DaemonSet': printer<V1DaemonSet>(
    [
      ['Desired', 'integer'],
      ['Current', 'integer'],
      ['Ready', 'integer'],
      ['Up-to-date', 'integer'],
      ['Available', 'integer'],
      ['Node Selector'],
      ['Age'],
      ['Containers', 'string', WIDE],
      ['Images', 'string', WIDE],
      ['Selector', 'string', WIDE],
    ],
    (o, now) => [
      o.status?.desiredNumberScheduled ?? 0,
      o.status?.currentNumberScheduled ?? 0,
      o.status?.numberReady ?? 0,
      o.status?.updatedNumberScheduled ?? 0,
      o.status?.numberAvailable ?? 0,
      mapText(o.spec?.template?.spec?.nodeSelector),
      age(o, now),
      ...images(o.spec?.template),
      selectorText(o.spec?.selector),
    ],
  ),
  '/Service': printer<V1Service>(
    [['Type'], ['Cluster-IP'], ['External-IP'], ['Port(s)'], ['Age'], ['Selector', 'string', WIDE]],
    (o, now) => [
      o.spec?.type ?? 'ClusterIP',
      o.spec?.clusterIP || '<none>',
      externalIp(o),
      servicePorts(o),
      age(o, now),
      mapText(o.spec?.selector),
    ],
  ),
  '/Node': printer<V1Node>(
    [
      ['Status'],
      ['Roles'],
      ['Age'],
      ['Version'],
      ['Internal-IP', 'string', WIDE],
      ['External-IP', 'string', WIDE],
      ['OS-Image', 'string', WIDE],
      ['Kernel-Version', 'string', WIDE],
      ['Container-Runtime', 'string', WIDE],
    ],
    (o, now) => [
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
  ),
  '/Namespace': printer<V1Namespace>([['Status'], ['Age']], (o, now) => [
    o.status?.phase ?? 'Active',
    age(o, now),
  ]),
  '/ConfigMap': printer<V1ConfigMap>([['Data', 'integer'], ['Age']], (o, now) => [
    Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length,
    age(o, now),
  ]),
  '/Secret': printer<V1Secret>([['Type'], ['Data', 'integer'], ['Age']], (o, now) => [
    o.type ?? 'Opaque',
    Object.keys(o.data ?? {}).length,
    age(o, now),
  ]),
  '/ServiceAccount': printer<V1ServiceAccount>([['Secrets', 'integer'], ['Age']], (o, now) => [
    (o.secrets ?? []).length,
    age(o, now),
  ]),
  '/Endpoints': printer<V1Endpoints>([['Endpoints'], ['Age']], (o, now) => {
    const eps: string[] = [];
    for (const s of o.subsets ?? []) {
      for (const a of s.addresses ?? []) {
        if (!s.ports?.length) eps.push(a.ip);
        for (const p of s.ports ?? []) eps.push(`${a.ip}:${p.port}`);
      }
    }
    return [firstThree(eps) || '<none>', age(o, now)];
  }),
  '/PersistentVolumeClaim': printer<V1PersistentVolumeClaim>(
    [
      ['Status'],
      ['Volume'],
      ['Capacity'],
      ['Access Modes'],
      ['StorageClass'],
      ['VolumeAttributesClass'],
      ['Age'],
      ['VolumeMode', 'string', WIDE],
    ],
    (o, now) => [
      o.status?.phase ?? 'Pending',
      o.spec?.volumeName ?? '',
      o.status?.capacity?.storage ?? '',
      (o.status?.accessModes ?? []).map((m) => ACCESS_MODES[m] ?? m).join(','),
      o.spec?.storageClassName ?? '',
      '<unset>',
      age(o, now),
      o.spec?.volumeMode ?? 'Filesystem',
    ],
  ),
  'batch/Job': printer<V1Job>(
    [
      ['Status'],
      ['Completions'],
      ['Duration'],
      ['Age'],
      ['Containers', 'string', WIDE],
      ['Images', 'string', WIDE],
      ['Selector', 'string', WIDE],
    ],
    (o, now) => [
      jobStatus(o),
      `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`,
      jobDuration(o, now),
      age(o, now),
      ...images(o.spec?.template),
      selectorText(o.spec?.selector),
    ],
  ),
  'batch/CronJob': printer<V1CronJob>(
    [
      ['Schedule'],
      ['Timezone'],
      ['Suspend', 'boolean'],
      ['Active', 'integer'],
      ['Last Schedule'],
      ['Age'],
      ['Containers', 'string', WIDE],
      ['Images', 'string', WIDE],
      ['Selector', 'string', WIDE],
    ],
    (o, now) => [
      o.spec?.schedule ?? '',
      o.spec?.timeZone ?? '<none>',
      Boolean(o.spec?.suspend),
      (o.status?.active ?? []).length,
      o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>',
      age(o, now),
      ...images(o.spec?.jobTemplate?.spec?.template),
      selectorText(o.spec?.jobTemplate?.spec?.selector),
    ],
  ),
  'networking.k8s.io/Ingress': printer<V1Ingress>(
    [['Class'], ['Hosts'], ['Address'], ['Ports'], ['Age']],
    (o, now) => {
      const hosts = (o.spec?.rules ?? []).map((r) => r.host).filter(Boolean);
      const addr = (o.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname).join(',');
      return [
        o.spec?.ingressClassName ?? '<none>',
        hosts.length ? hosts.join(',') : '*',
        addr,
        o.spec?.tls?.length ? '80, 443' : '80',
        age(o, now),
      ];
    },
  ),
  '/Event': printer<CoreV1Event>(
    [
      ['Last Seen'],
      ['Type'],
      ['Reason'],
      ['Object'],
      ['Subobject', 'string', WIDE],
      ['Source', 'string', WIDE],
      ['Message'],
      ['First Seen', 'string', WIDE],
      ['Count', 'integer', WIDE],
      ['Name', 'string', WIDE],
    ],
    (o, now) => {
      const last =
        o.series?.lastObservedTime ?? o.lastTimestamp ?? o.eventTime ?? o.metadata?.creationTimestamp;
      const io = o.involvedObject;
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
  ),
  'apiextensions.k8s.io/CustomResourceDefinition': printer<KubernetesObject>(
    [['Created At', 'date']],
    (o) => [String(o.metadata?.creationTimestamp ?? '')],
  ),
  'discovery.k8s.io/EndpointSlice': printer<V1EndpointSlice>(
    [['AddressType'], ['Ports'], ['Endpoints'], ['Age']],
    (o, now) => {
      const ports = (o.ports ?? []).map((p) => p.port).join(',') || '<unset>';
      return [
        o.addressType ?? '',
        ports,
        firstThree((o.endpoints ?? []).flatMap((e) => e.addresses ?? [])) || '<unset>',
        age(o, now),
      ];
    },
  ),
};

function columnDef(name: string, type = 'string', priority = 0): ColumnDefinition {
  return { name, type, format: '', description: name, priority };
}

/** Evaluates the simple JSONPaths CRDs use in additionalPrinterColumns (`.spec.a[0].b`). */
function jsonPath(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const m of path.matchAll(/\.([^.[\]]+)|\[(\d+|\*)\]/g)) {
    if (cur === undefined || cur === null || typeof cur !== 'object') return undefined;
    if (m[1] !== undefined) cur = (cur as Record<string, unknown>)[m[1]];
    else if (m[2] === '*') return Array.isArray(cur) ? cur.join(',') : undefined;
    else cur = (cur as unknown[])[Number(m[2])];
  }
  return cur;
}

function crdCell(o: KubernetesObject, col: PrinterColumn, now: number): Cell {
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
  const builtin = t.custom ? undefined : PRINTERS[`${t.group}/${t.kind}`];
  let defs: ColumnDefinition[];
  let row: (o: KubernetesObject) => Cell[];
  if (builtin) {
    defs = builtin.columns.map(([n, type, prio]) => columnDef(n, type, prio));
    row = (o) => builtin.row(o, now);
  } else if (t.printerColumns?.length) {
    const cols = t.printerColumns;
    defs = cols.map((c) => ({
      name: c.name,
      type: c.type,
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
