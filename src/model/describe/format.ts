import type {
  CoreV1Event,
  V1Container,
  V1ContainerState,
  V1ContainerStatus,
  V1OwnerReference,
  V1PodTemplateSpec,
  V1Probe,
  V1Taint,
  V1Toleration,
  V1Volume,
} from '@kubernetes/client-node';
import { since, type Timestamp, toMillis } from '../age.js';
import { eventTimes } from '../render/event.js';
import type { PrefixWriter } from './tab-writer.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC (`Mon, 02 Jan 2006 15:04:05 +0000`), as describe prints times. */
export function rfc1123z(t: Timestamp): string {
  const ms = toMillis(t);
  // Go formats the zero time when a timestamp is missing.
  const d = new Date(ms ?? Date.UTC(1, 0, 1));
  if (ms === undefined) d.setUTCFullYear(1);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${year} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** printBool: True / False. */
export const bool = (b: boolean | undefined) => (b ? 'True' : 'False');

/** printLabelsMultilineWithIndent: sorted `k=v`, one per line, aligned under the first. */
export function labelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, '\t');
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION = 140;
const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}...` : s);

/** printAnnotationsMultiline: sorted, last-applied-configuration skipped, long or multi-line values folded. */
export function annotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, '\t');
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION - 2)}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function tolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: V1Toleration[] | undefined,
): void {
  w.write(0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** Taint.ToString: `key=value:Effect`. */
export function taintString(t: V1Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

/** printController: `Kind/name` of the controlling owner, or ''. */
export function controlledBy(owners: V1OwnerReference[] | undefined): string {
  const c = owners?.find((o) => o.controller);
  return c ? `${c.kind}/${c.name}` : '';
}

function state(w: PrefixWriter, name: string, s: V1ContainerState | undefined): void {
  if (s?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s?.terminated) {
    const t = s.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
    if (s?.waiting?.reason) w.write(3, `Reason:\t${s.waiting.reason}\n`);
  }
}

function portOf(p: number | string | undefined): string {
  return p === undefined ? '' : String(p);
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s successThreshold=1 failureThreshold=3`. */
export function probeString(p: V1Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s successThreshold=${p.successThreshold ?? 1} failureThreshold=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const host = g.host ?? '';
    const port = portOf(g.port);
    const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    return `http-get ${(g.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${portOf(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function resources(w: PrefixWriter, r: V1Container['resources'], level: number): void {
  for (const [title, list] of [
    ['Limits', r?.limits],
    ['Requests', r?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${list![n]}\n`);
  }
}

/** describeContainers: each container with image, ports, state, resources, probes, environment and mounts. */
export function containers(
  w: PrefixWriter,
  label: string,
  list: V1Container[],
  statuses: V1ContainerStatus[] | undefined,
  space = '',
  resolveField: (fieldPath: string) => string = () => '',
): void {
  w.write(0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  const nameIndent = space ? ' ' : '';
  for (const c of list) {
    const st = statuses?.find((s) => s.name === c.name);
    w.write(1, `${nameIndent}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID}\n`);
    const ports = (c.ports ?? []).map(
      (p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`,
    );
    const hostPorts = (c.ports ?? []).map(
      (p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`,
    );
    w.write(2, ports.length > 1 ? `Ports:\t${ports.join(', ')}\n` : `Port:\t${ports[0] ?? '<none>'}\n`);
    w.write(
      2,
      hostPorts.length > 1
        ? `Host Ports:\t${hostPorts.join(', ')}\n`
        : `Host Port:\t${hostPorts[0] ?? '<none>'}\n`,
    );
    for (const [title, args] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if (!args || args.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const a of args) for (const s of a.split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      state(w, 'State', st.state);
      if (st.lastState?.terminated) state(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${bool(st.ready)}\n`);
      w.write(2, `Restart Count:\t${st.restartCount}\n`);
    }
    resources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${probeString(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${probeString(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${probeString(c.startupProbe)}\n`);
    if (c.envFrom && c.envFrom.length > 0) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const ref = e.configMapRef ?? e.secretRef;
        const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
        const prefix = e.prefix ? ` with prefix '${e.prefix}'` : '';
        w.write(3, `${ref?.name ?? ''}\t${from}${prefix}\tOptional: ${ref?.optional === true}\n`);
      }
    }
    const env = c.env ?? [];
    w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      const from = e.valueFrom;
      if (!from) {
        const parts = (e.value ?? '').split('\n');
        for (let i = 0; i < parts.length; i++)
          w.write(3, i === 0 ? `${e.name}:\t${parts[i]}\n` : `\t${parts[i]}\n`);
      } else if (from.fieldRef) {
        const f = from.fieldRef;
        w.write(3, `${e.name}:\t${resolveField(f.fieldPath)} (${f.apiVersion ?? 'v1'}:${f.fieldPath})\n`);
      } else if (from.resourceFieldRef) {
        const resource = from.resourceFieldRef.resource;
        const [kind, name] = resource.split('.') as [string, string];
        const list = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
        const value = list?.[name] ?? (kind === 'limits' ? 'node allocatable' : '0');
        w.write(3, `${e.name}:\t${value} (${resource})\n`);
      } else if (from.secretKeyRef) {
        const r = from.secretKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
        );
      } else if (from.configMapKeyRef) {
        const r = from.configMapKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
        );
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
    );
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

/** describeVolumes for the volume types a cluster like the scenario's uses; others are named by type. */
export function volumes(w: PrefixWriter, list: V1Volume[] | undefined, space = ''): void {
  if (!list || list.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  const nameIndent = space ? ' ' : '';
  for (const v of list) {
    w.write(1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath) {
      w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
      w.write(2, `Path:\t${v.hostPath.path}\n`);
      w.write(2, `HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.emptyDir) {
      w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
      w.write(2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.secret) {
      w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(2, `SecretName:\t${v.secret.secretName ?? ''}\n`);
      w.write(2, `Optional:\t${v.secret.optional === true}\n`);
    } else if (v.configMap) {
      w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(2, `Name:\t${v.configMap.name ?? ''}\n`);
      w.write(2, `Optional:\t${v.configMap.optional === true}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n',
      );
      w.write(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
      w.write(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) {
          w.write(2, `SecretName:\t${s.secret.name ?? ''}\n`);
          w.write(2, `Optional:\t${s.secret.optional === true}\n`);
        } else if (s.downwardAPI) {
          w.write(2, 'DownwardAPI:\ttrue\n');
        } else if (s.configMap) {
          w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n`);
          w.write(2, `Optional:\t${s.configMap.optional === true}\n`);
        } else if (s.serviceAccountToken) {
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
        }
      }
    } else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n');
      w.write(2, 'Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        const src = item.fieldRef?.fieldPath ?? item.resourceFieldRef?.resource ?? '';
        w.write(3, `${src} -> ${item.path}\n`);
      }
    } else if (v.nfs) {
      w.write(2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n');
      w.write(2, `Server:\t${v.nfs.server}\n`);
      w.write(2, `Path:\t${v.nfs.path}\n`);
      w.write(2, `ReadOnly:\t${v.nfs.readOnly === true}\n`);
    } else {
      const type = Object.keys(v).find((k) => k !== 'name');
      w.write(2, type ? `Type:\t${type}\n` : '<unknown>\n');
    }
  }
}

/** DescribePodTemplate: the template of a workload, indented under "Pod Template:". */
export function podTemplate(w: PrefixWriter, t: V1PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) {
    w.write(1, '<unset>');
    return;
  }
  labelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length > 0)
    annotationsMultiline(w, '  Annotations', t.metadata?.annotations);
  const spec = t.spec;
  if (spec?.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec?.initContainers && spec.initContainers.length > 0)
    containers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  containers(w, 'Containers', spec?.containers ?? [], undefined, '  ');
  volumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  labelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  tolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

/** DescribeEvents: a Type/Reason/Age/From/Message table in last-seen order, or `Events: <none>`. */
export function events(w: PrefixWriter, list: CoreV1Event[], now: number): void {
  if (list.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...list].sort(
    (a, b) => (toMillis(a.lastTimestamp) ?? 0) - (toMillis(b.lastTimestamp) ?? 0),
  );
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const t = eventTimes(e);
    const first = since(toMillis(e.eventTime) ?? toMillis(e.firstTimestamp), now);
    let age = first;
    if (e.series) age = `${since(t.last, now)} (x${t.count} over ${first})`;
    else if ((e.count ?? 0) > 1) age = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const from = e.source?.component || e.reportingComponent || '';
    let message = (e.message ?? '').trim();
    if (e.involvedObject?.fieldPath) message = `${e.involvedObject.fieldPath}: ${message}`;
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${from}\t${message}\n`);
  }
}
