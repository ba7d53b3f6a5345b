// The load-balancer panel's model against the real MetalLB controller: what kdeck shows and predicts is what MetalLB does.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CoreV1Api,
  type CoreV1Event,
  CustomObjectsApi,
  KubeConfig,
  type KubernetesObject,
  type V1ConfigMap,
  type V1Service,
} from '@kubernetes/client-node';
import { RequestLog } from '../../src/kube/request-log.js';
import { type AssignmentRow, buildLbView, type LbView } from '../../src/model/lb/lb-view.js';
import type {
  Advertisement,
  ConfigurationState,
  IPAddressPool,
  ServiceAnnounceStatus,
} from '../../src/model/lb/metallb-types.js';
import { Session } from '../../src/session/session.js';
import type { Snapshot } from '../../src/store/store.js';
import {
  type LbQueries,
  type LbSnapshots,
  lbQueries,
  lbViewFromSnapshots,
} from '../../src/ui/panels/lb/use-lb-panel.js';
import { eventually } from '../contract/helpers/cluster.js';

const kubeconfig = process.env.KDECK_CLUSTER_KUBECONFIG;
const skip = kubeconfig ? false : 'KDECK_CLUSTER_KUBECONFIG not set (run through npm run test:cluster)';

const suffix = randomBytes(3).toString('hex');
const ns = `lb-${suffix}`;
// Pools of our own, never auto-assigned, so other tests' services never land in them (nor ours in theirs).
const fullPool = `kdeck-full-${suffix}`;
const sharePool = `kdeck-share-${suffix}`;
const fullRange = ['192.0.2.240/31'];
const shareRange = ['192.0.2.244-192.0.2.246'];
const buggyPool = `kdeck-buggy-${suffix}`;
const buggyRange = ['192.0.3.255-192.0.4.1'];

const kc = new KubeConfig();
let core: CoreV1Api;
let crds: CustomObjectsApi;

async function listMetallb<T extends KubernetesObject>(plural: string): Promise<T[]> {
  try {
    const r = (await crds.listClusterCustomObject({ group: 'metallb.io', version: 'v1beta1', plural })) as {
      items: T[];
    };
    return r.items;
  } catch {
    return [];
  }
}

async function eventsWith(reason: string): Promise<CoreV1Event[]> {
  return (await core.listEventForAllNamespaces({ fieldSelector: `reason=${reason}` })).items;
}

/** The panel's pure core fed from client-node lists, as use-lb-panel feeds it from watches. */
async function panel(withEvents = true): Promise<LbView> {
  let configMap: V1ConfigMap | undefined;
  try {
    configMap = await core.readNamespacedConfigMap({ name: 'config', namespace: 'metallb-system' });
  } catch {
    configMap = undefined;
  }
  const events = withEvents
    ? [
        ...(await eventsWith('AllocationFailed')),
        ...(await eventsWith('IPAllocated')),
        ...(await eventsWith('nodeAssigned')),
      ]
    : [];
  return buildLbView({
    ipAddressPools: await listMetallb<IPAddressPool>('ipaddresspools'),
    configMap,
    l2Advertisements: await listMetallb<Advertisement>('l2advertisements'),
    bgpAdvertisements: await listMetallb<Advertisement>('bgpadvertisements'),
    services: (await core.listServiceForAllNamespaces()).items,
    events,
    l2Statuses: await listMetallb<ServiceAnnounceStatus>('servicel2statuses'),
    bgpStatuses: await listMetallb<ServiceAnnounceStatus>('servicebgpstatuses'),
    nodes: (await core.listNode()).items,
    namespaces: (await core.listNamespace()).items,
    configurationStates: await listMetallb<ConfigurationState>('configurationstates'),
  });
}

function row(view: LbView, name: string): AssignmentRow {
  const r = view.assignments.find((a) => a.namespace === ns && a.name === name);
  assert.ok(r, `no row for ${ns}/${name}`);
  return r;
}

async function createService(
  name: string,
  o: {
    annotations?: Record<string, string>;
    port?: number;
    loadBalancerIP?: string;
    loadBalancerClass?: string;
  } = {},
): Promise<void> {
  await core.createNamespacedService({
    namespace: ns,
    body: {
      metadata: { name, annotations: o.annotations },
      spec: {
        type: 'LoadBalancer',
        selector: { run: name },
        ports: [{ port: o.port ?? 80, targetPort: 80, protocol: 'TCP' }],
        loadBalancerIP: o.loadBalancerIP,
        loadBalancerClass: o.loadBalancerClass,
      },
    },
  });
}

async function ipOf(name: string): Promise<string> {
  return eventually(`an address for ${ns}/${name}`, async () => {
    const s: V1Service = await core.readNamespacedService({ name, namespace: ns });
    return s.status?.loadBalancer?.ingress?.[0]?.ip;
  });
}

async function failureOf(name: string): Promise<string> {
  return eventually(`AllocationFailed for ${ns}/${name}`, async () => {
    const e = (await eventsWith('AllocationFailed')).find(
      (x) => x.involvedObject.namespace === ns && x.involvedObject.name === name,
    );
    return e?.message;
  });
}

/** MetalLB lists the other services on an address in Go map order; kdeck sorts them. */
function sortInUseBy(message: string): string {
  return message.replace(
    /(in use by )(.*)$/,
    (_m, p: string, list: string) => p + list.split(',').sort().join(','),
  );
}

async function createPool(name: string, addresses: string[], avoidBuggyIPs = false): Promise<void> {
  await crds.createNamespacedCustomObject({
    group: 'metallb.io',
    version: 'v1beta1',
    namespace: 'metallb-system',
    plural: 'ipaddresspools',
    body: {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name, namespace: 'metallb-system' },
      spec: { addresses, autoAssign: false, avoidBuggyIPs },
    },
  });
}

describe('load-balancer panel against the real MetalLB controller', { skip }, () => {
  before(async () => {
    kc.loadFromFile(kubeconfig!);
    core = kc.makeApiClient(CoreV1Api);
    crds = kc.makeApiClient(CustomObjectsApi);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    // The buggy pool first: MetalLB never publishes its status (it counts a lone .255 /32 twice, so all its
    // counters are 0 and equal to an empty status), but any later config that has the others has it too.
    await createPool(buggyPool, buggyRange, true);
    await createPool(fullPool, fullRange);
    await createPool(sharePool, shareRange);
    // MetalLB has loaded a pool once its status controller publishes the pool's counters.
    await eventually('MetalLB to publish the test pools’ status', async () => {
      const pools = await listMetallb<IPAddressPool>('ipaddresspools');
      const avail = (name: string) => pools.find((p) => p.metadata?.name === name)?.status?.availableIPv4;
      return avail(fullPool) === 2 && avail(sharePool) === 3 ? true : undefined;
    });
  });

  after(async () => {
    if (!core) return;
    await core.deleteNamespace({ name: ns }).catch(() => undefined);
    for (const name of [fullPool, sharePool, buggyPool]) {
      await crds
        .deleteNamespacedCustomObject({
          group: 'metallb.io',
          version: 'v1beta1',
          namespace: 'metallb-system',
          plural: 'ipaddresspools',
          name,
        })
        .catch(() => undefined);
    }
  });

  it('the seeds’ kubectl run nginx + expose --type=LoadBalancer gets the address the panel predicted', async () => {
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'nginx', labels: { run: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
      },
    });
    // Other tests may take an address between prediction and creation; then the prediction must name theirs.
    let predicted = (await panel(false)).next;
    assert.ok(predicted, 'the panel predicts an address in the scenario pool');
    await createService('nginx', {});
    const got = await ipOf('nginx');
    if (got !== predicted.ip) {
      const holders = (await panel(false)).assignments.filter(
        (a) => a.ips.includes(predicted!.ip) && a.namespace !== ns,
      );
      assert.ok(
        holders.length > 0,
        `predicted ${predicted.ip}, MetalLB gave ${got}, and nobody else took ${predicted.ip}`,
      );
      predicted = undefined;
    }
    const view = await panel();
    const r = row(view, 'nginx');
    assert.deepEqual([r.status, r.ips, r.pool, r.poolFrom], ['Assigned', [got], 'default', 'annotation']);
  });

  it('shows for every LoadBalancer service the addresses in its status and the pool MetalLB recorded', async () => {
    const view = await panel();
    // Our test pools overlap nothing, so neither MetalLB nor kdeck may call the configuration invalid.
    assert.deepEqual(
      view.findings.filter((f) => f.severity === 'error'),
      [],
    );
    const services = (await core.listServiceForAllNamespaces()).items.filter(
      (s) => s.spec?.type === 'LoadBalancer',
    );
    assert.ok(services.length > 0);
    for (const s of services) {
      const a = view.assignments.find(
        (x) => x.namespace === s.metadata?.namespace && x.name === s.metadata?.name,
      );
      if (!a) continue; // created after the panel's lists were taken
      const ips = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip);
      assert.deepEqual(a.ips, ips, `${a.key}`);
      const recorded = s.metadata?.annotations?.['metallb.io/ip-allocated-from-pool'];
      if (ips.length > 0 && recorded) {
        assert.equal(a.status, 'Assigned', `${a.key}: ${a.reason}`);
        assert.equal(a.pool, recorded, a.key);
      }
    }
  });

  it('predicts each address of a named pool, then shows the next service pending with MetalLB’s reason', async () => {
    for (const name of ['full-a', 'full-b']) {
      const predicted = (await panel(false)).pools.find((p) => p.name === fullPool)!.next.IPv4;
      await createService(name, { annotations: { 'metallb.io/address-pool': fullPool } });
      assert.equal(await ipOf(name), predicted, name);
    }
    const before = await panel(false);
    const pool = before.pools.find((p) => p.name === fullPool)!;
    assert.deepEqual([pool.used, pool.free, pool.next.IPv4], [2, 0n, undefined]);
    await createService('full-c', { annotations: { 'metallb.io/address-pool': fullPool } });
    const message = await failureOf('full-c');
    assert.equal(message, `Failed to allocate IP for "${ns}/full-c": no available IPs in pool ${fullPool}`);
    const r = row(await panel(), 'full-c');
    assert.deepEqual(
      [r.status, r.reason, r.reasonFrom],
      ['Pending', `no available IPs in pool ${fullPool}`, 'event'],
    );
    const computed = row(await panel(false), 'full-c');
    assert.deepEqual(
      [computed.reason, computed.reasonFrom],
      [`no available IPs in pool ${fullPool}`, 'computed'],
    );
  });

  it('a shared IP shows on both services, a conflicting request pends with MetalLB’s reason', async () => {
    const first = (await panel(false)).pools.find((p) => p.name === sharePool)!.next.IPv4!;
    const key = { 'metallb.io/allow-shared-ip': 'web', 'metallb.io/address-pool': sharePool };
    await createService('share-a', { annotations: key, port: 80 });
    assert.equal(await ipOf('share-a'), first);
    await createService('share-b', {
      annotations: { ...key, 'metallb.io/loadBalancerIPs': first },
      port: 443,
    });
    assert.equal(await ipOf('share-b'), first);
    await createService('clash', { loadBalancerIP: first, port: 8080 });
    const message = await failureOf('clash');
    const view = await panel();
    const pool = view.pools.find((p) => p.name === sharePool)!;
    assert.deepEqual(
      [pool.used, pool.services.filter((s) => s.startsWith(`${ns}/`)).sort()],
      [1, [`${ns}/share-a`, `${ns}/share-b`]],
    );
    for (const name of ['share-a', 'share-b'])
      assert.deepEqual([row(view, name).status, row(view, name).ips], ['Assigned', [first]]);
    const clash = row(view, 'clash');
    assert.equal(clash.status, 'Pending');
    assert.equal(
      sortInUseBy(`Failed to allocate IP for "${ns}/clash": ${clash.reason}`),
      sortInUseBy(message),
    );
    const computed = row(await panel(false), 'clash');
    assert.equal(
      sortInUseBy(computed.reason),
      sortInUseBy(message.replace(/^Failed to allocate IP for "[^"]*": /, '')),
    );
  });

  it('avoidBuggyIPs skips .255 and .0 as MetalLB does; an address in no pool pends with its reason', async () => {
    const pool = (await panel(false)).pools.find((p) => p.name === buggyPool)!;
    assert.deepEqual([pool.size, pool.next.IPv4, pool.freeRanges], [1n, '192.0.4.1', ['192.0.4.1']]);
    await createService('buggy', { annotations: { 'metallb.io/address-pool': buggyPool } });
    assert.equal(await ipOf('buggy'), '192.0.4.1');
    await createService('nowhere', { loadBalancerIP: '192.0.4.0' });
    const message = await failureOf('nowhere');
    assert.equal(
      message,
      `Failed to allocate IP for "${ns}/nowhere": ["192.0.4.0"] is not allowed in config`,
    );
    const computed = row(await panel(false), 'nowhere');
    assert.deepEqual(
      [computed.status, computed.reason],
      ['Pending', '["192.0.4.0"] is not allowed in config'],
    );
  });

  it('the panel’s own watches through kdeck’s store show the same pools and services', async () => {
    const session = new Session(kc, new RequestLog());
    try {
      await session.connect();
      const queries = lbQueries((n) => session.discovery.resolve(n));
      assert.ok(
        queries.ipAddressPools && queries.l2Advertisements && queries.configurationStates,
        'discovery lists MetalLB v1beta1 kinds (metallb.io prefers v1beta2, which serves only BGPPeer: reading only the preferred version hides IPAddressPool)',
      );
      const roles = Object.keys(queries) as (keyof LbQueries)[];
      const subs = roles.map((r) => ({
        role: r,
        sub: queries[r] ? session.store.subscribe(queries[r]!, () => {}) : undefined,
      }));
      try {
        const snapshots = await eventually('every watch to list', async () => {
          const out: Partial<Record<keyof LbQueries, Snapshot>> = {};
          for (const { role, sub } of subs) {
            const snap = sub?.snapshot() ?? { items: [], state: 'watching' as const, revision: 0 };
            if (snap.error) throw new Error(`${role}: ${snap.error.message}`);
            if (snap.state !== 'watching') return undefined;
            out[role] = snap;
          }
          return out as LbSnapshots;
        });
        const mine = lbViewFromSnapshots(snapshots);
        const direct = await panel();
        const summary = (v: LbView) => ({
          pools: v.pools.map((p) => [p.name, p.used, p.free, p.next]),
          services: v.assignments
            .filter((a) => a.namespace === ns)
            .map((a) => [a.key, a.ips, a.status, a.pool, a.reason]),
        });
        assert.deepEqual(summary(mine), summary(direct));
        assert.ok(
          mine.assignments.some((a) => a.namespace === ns && a.reasonFrom === 'event'),
          'AllocationFailed events arrive through the reason field selector',
        );
        assert.equal(mine.source, 'IPAddressPool');
      } finally {
        for (const { sub } of subs) sub?.close();
      }
    } finally {
      session.dispose();
    }
  });

  it('a service of another loadBalancerClass is left alone by MetalLB and explained by the panel', async () => {
    await createService('foreign', { loadBalancerClass: 'example.com/other' });
    await createService('witness', { annotations: { 'metallb.io/address-pool': sharePool } });
    await ipOf('witness');
    const s = await core.readNamespacedService({ name: 'foreign', namespace: ns });
    assert.deepEqual(s.status?.loadBalancer?.ingress ?? [], []);
    const r = row(await panel(), 'foreign');
    assert.equal(r.status, 'Pending');
    assert.match(r.reason, /loadBalancerClass "example.com\/other" is not MetalLB's/);
  });
});
