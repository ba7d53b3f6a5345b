import type { CoreV1Event, V1Container, V1Pod } from '@kubernetes/client-node';
import { since } from '../age.js';
import {
  annotationsMultiline,
  containers,
  controlledBy,
  events,
  labelsMultiline,
  rfc1123z,
  tolerationsMultiline,
  volumes,
} from './format.js';
import { PrefixWriter } from './tab-writer.js';

/** qos.GetPodQOS: status.qosClass when set, else computed from requests and limits. */
export function podQOS(pod: V1Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all: V1Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      const limit = lim[r];
      if (!limit || (req[r] !== undefined && req[r] !== limit)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

// The downward-API fields describe shows resolved, as EnvValueRetriever does.
function fieldResolver(pod: V1Pod): (path: string) => string {
  return (path) => {
    const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
    if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]!] ?? '';
    const fields: Record<string, string | undefined> = {
      'metadata.name': pod.metadata?.name,
      'metadata.namespace': pod.metadata?.namespace,
      'metadata.uid': pod.metadata?.uid,
      'spec.nodeName': pod.spec?.nodeName,
      'spec.serviceAccountName': pod.spec?.serviceAccountName,
      'status.hostIP': pod.status?.hostIP,
      'status.podIP': pod.status?.podIP,
    };
    return fields[path] ?? '';
  };
}

/** describePod: what `kubectl describe pod` prints. */
export function describePod(pod: V1Pod, evs: CoreV1Event[], now: number): string {
  const w = new PrefixWriter();
  const m = pod.metadata ?? {};
  const spec = pod.spec;
  const st = pod.status ?? {};
  w.write(0, `Name:\t${m.name ?? ''}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ''}\n`);
  if (spec?.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec?.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  annotationsMultiline(w, 'Annotations', m.annotations);
  if (m.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(m.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${st.phase ?? ''}\n`);
  }
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${st.podIP ?? ''}\n`);
  if (!st.podIPs || st.podIPs.length === 0) {
    w.write(0, 'IPs:\t<none>\n');
  } else {
    w.write(0, 'IPs:\n');
    for (const ip of st.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = controlledBy(m.ownerReferences);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  const resolve = fieldResolver(pod);
  if (spec?.initContainers && spec.initContainers.length > 0) {
    containers(w, 'Init Containers', spec.initContainers, st.initContainerStatuses, '', resolve);
  }
  containers(w, 'Containers', spec?.containers ?? [], st.containerStatuses, '', resolve);
  if (spec?.readinessGates && spec.readinessGates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = st.conditions?.find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (st.conditions && st.conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  volumes(w, spec?.volumes);
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  labelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec?.tolerations);
  events(w, evs, now);
  return w.toString();
}
