import type { CoreV1Event, V1Container, V1Node, V1Pod } from '@kubernetes/client-node';
import { since } from '../age.js';
import { nodeRoles } from '../pod-status.js';
import { type ExactQuantity, formatExactQuantity, parseExactQuantity } from '../quantity.js';
import { annotationsMultiline, events, labelsMultiline, rfc1123z, taintString } from './format.js';
import { PrefixWriter } from './tab-writer.js';

type Totals = Map<string, ExactQuantity>;

function add(into: Totals, name: string, q: ExactQuantity): void {
  const had = into.get(name);
  // Sums keep the notation of the first operand, as Quantity.Add does.
  into.set(name, had ? { nano: had.nano + q.nano, format: had.format } : q);
}

function sumOf(cs: V1Container[], kind: 'requests' | 'limits'): Totals {
  const t: Totals = new Map();
  for (const c of cs) {
    for (const [name, v] of Object.entries(c.resources?.[kind] ?? {})) {
      const q = parseExactQuantity(v);
      if (q) add(t, name, q);
    }
  }
  return t;
}

/** resourcehelper.PodRequests/PodLimits: containers (and sidecars) summed, the largest init container wins if larger. */
export function podResources(pod: V1Pod, kind: 'requests' | 'limits'): Totals {
  const inits = pod.spec?.initContainers ?? [];
  const sidecars = inits.filter((c) => c.restartPolicy === 'Always');
  const total = sumOf([...(pod.spec?.containers ?? []), ...sidecars], kind);
  for (const c of inits) {
    if (c.restartPolicy === 'Always') continue;
    for (const [name, q] of sumOf([c], kind)) {
      const cur = total.get(name);
      if (!cur || q.nano > cur.nano) total.set(name, q);
    }
  }
  for (const [name, v] of Object.entries(pod.spec?.overhead ?? {})) {
    const q = parseExactQuantity(v);
    if (q && total.has(name)) add(total, name, q);
  }
  return total;
}

const ZERO: ExactQuantity = { nano: 0n, format: 'DecimalSI' };
const text = (q: ExactQuantity | undefined) => formatExactQuantity(q ?? ZERO);

// Go computes percentages in float64 then truncates; milli-units for cpu, whole units otherwise.
function percent(q: ExactQuantity | undefined, of: ExactQuantity | undefined, milli: boolean): number {
  const unit = milli ? 10n ** 6n : 10n ** 9n;
  const den = of ? Number((of.nano + unit - 1n) / unit) : 0;
  if (den === 0) return 0;
  const num = Number(((q?.nano ?? 0n) + unit - 1n) / unit);
  return Math.trunc((num / den) * 100);
}

function resourceList(w: PrefixWriter, list: Record<string, string>): void {
  for (const name of Object.keys(list).sort()) w.write(0, `  ${name}:\t${list[name]}\n`);
}

/** describeNode; the pod table and allocated resources need the node's pods in `pods`. */
export function describeNode(
  node: V1Node,
  evs: CoreV1Event[],
  pods: V1Pod[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = node.metadata ?? {};
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  const roles = nodeRoles(m.labels);
  w.write(0, `Name:\t${m.name ?? ''}\n`);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  annotationsMultiline(w, 'Annotations', m.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(m.creationTimestamp)}\n`);
  w.write(0, 'Taints:\t');
  const taints = [...(spec.taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (taints.length === 0) w.write(0, '<none>\n');
  for (let i = 0; i < taints.length; i++) w.write(0, `${i > 0 ? '\t' : ''}${taintString(taints[i]!)}\n`);
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  if (st.conditions && st.conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  if (st.capacity && Object.keys(st.capacity).length > 0) {
    w.write(0, 'Capacity:\n');
    resourceList(w, st.capacity);
  }
  if (st.allocatable && Object.keys(st.allocatable).length > 0) {
    w.write(0, 'Allocatable:\n');
    resourceList(w, st.allocatable);
  }
  const info = st.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  if (pods) nodePods(w, node, pods, now);
  events(w, evs, now);
  return w.toString();
}

function nodePods(w: PrefixWriter, node: V1Node, all: V1Pod[], now: number): void {
  const pods = all.filter(
    (p) =>
      p.spec?.nodeName === node.metadata?.name &&
      p.status?.phase !== 'Succeeded' &&
      p.status?.phase !== 'Failed',
  );
  const source =
    node.status?.allocatable && Object.keys(node.status.allocatable).length > 0
      ? node.status.allocatable
      : node.status?.capacity;
  const alloc = (name: string) => (source?.[name] ? parseExactQuantity(source[name]) : undefined);
  const cpu = alloc('cpu');
  const memory = alloc('memory');
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs: Totals = new Map();
  const limits: Totals = new Map();
  for (const p of pods) {
    const r = podResources(p, 'requests');
    const l = podResources(p, 'limits');
    for (const [n, q] of r) add(reqs, n, q);
    for (const [n, q] of l) add(limits, n, q);
    const cell = (q: ExactQuantity | undefined, of: ExactQuantity | undefined, milli: boolean) =>
      `${text(q)} (${percent(q, of, milli)}%)`;
    w.write(
      1,
      `${p.metadata?.namespace ?? ''}\t${p.metadata?.name ?? ''}\t\t${cell(r.get('cpu'), cpu, true)}\t${cell(l.get('cpu'), cpu, true)}\t${cell(r.get('memory'), memory, false)}\t${cell(l.get('memory'), memory, false)}\t${since(p.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const [name, milli] of [
    ['cpu', true],
    ['memory', false],
    ['ephemeral-storage', false],
  ] as const) {
    const of = alloc(name);
    const r = reqs.get(name);
    const l = limits.get(name);
    w.write(1, `${name}\t${text(r)} (${percent(r, of, milli)}%)\t${text(l)} (${percent(l, of, milli)}%)\n`);
  }
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  const names = Object.keys(source ?? {}).sort();
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) {
    const of = alloc(name);
    const r = reqs.get(name);
    const l = limits.get(name);
    w.write(1, `${name}\t${text(r)} (${percent(r, of, false)}%)\t${text(l)} (${percent(l, of, false)}%)\n`);
  }
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n))) {
    w.write(1, `${name}\t${text(reqs.get(name))}\t${text(limits.get(name))}\n`);
  }
}
