import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { clusterName, kwokClusterDir, paths, requireBinary } from './paths.js';
import { isAlive, readPid } from './proc.js';
import { stageDocuments } from './stages.js';

const run = promisify(execFile);

/** The kwok custom resources the controller watches as CRDs, so the harness can add per-pod log and exec rules. */
const kwokCrds = ['Logs', 'ClusterLogs', 'Exec', 'ClusterExec', 'PortForward', 'ClusterPortForward'];

/** Every request at Metadata level, once per request, except the components' lease heartbeats. */
const auditPolicy = {
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  omitStages: ['RequestReceived'],
  rules: [
    { level: 'None', resources: [{ group: 'coordination.k8s.io', resources: ['leases'] }] },
    { level: 'Metadata' },
  ],
};

function kwokEnv(): NodeJS.ProcessEnv {
  return { ...process.env, KWOK_WORKDIR: paths.kwokWorkdir };
}

/** Writes kwokctl's configuration: binary runtime on 127.0.0.1 with the locally built binaries. */
export function writeKwokConfig(): void {
  mkdirSync(paths.kwokWorkdir, { recursive: true });
  writeFileSync(paths.auditPolicy, stringify(auditPolicy));
  const kwokctl = {
    apiVersion: 'config.kwok.x-k8s.io/v1alpha1',
    kind: 'KwokctlConfiguration',
    options: {
      runtime: 'binary',
      bindAddress: '127.0.0.1',
      securePort: true,
      kubeAuthorization: true,
      kubeAdmission: true,
      kubeAuditPolicy: paths.auditPolicy,
      enableCRDs: kwokCrds,
      etcdBinary: requireBinary('etcd'),
      kubeApiserverBinary: requireBinary('kube-apiserver'),
      kubeControllerManagerBinary: requireBinary('kube-controller-manager'),
      kubeSchedulerBinary: requireBinary('kube-scheduler'),
      kubectlBinary: requireBinary('kubectl'),
      kwokControllerBinary: requireBinary('kwok'),
    },
    componentsPatches: [
      {
        name: 'etcd',
        extraArgs: [{ key: 'experimental-watch-progress-notify-interval', value: '5s' }],
      },
      {
        name: 'kube-apiserver',
        // kwok nodes carry Hostname=localhost, so logs/exec/port-forward reach the kwok controller on 127.0.0.1.
        extraArgs: [{ key: 'kubelet-preferred-address-types', value: 'Hostname' }],
      },
    ],
  };
  const kwok = {
    apiVersion: 'config.kwok.x-k8s.io/v1alpha1',
    kind: 'KwokConfiguration',
    // kwokctl writes this document as given, without kwok's defaults, so every option is spelled out.
    options: {
      // Pod IPs are data only: the benchmarking range, never contacted.
      cidr: '198.18.0.1/16',
      enableDebuggingHandlers: true,
      enableContentionProfiling: false,
      enableProfilingHandler: false,
      podPlayStageParallelism: 4,
      nodePlayStageParallelism: 4,
      nodeLeaseParallelism: 4,
      nodeLeaseDurationSeconds: 40,
      podsOnNodeSyncParallelism: 1,
      enablePodsOnNodeSyncListPager: true,
      enablePodsOnNodeSyncStreamWatch: false,
    },
  };
  writeFileSync(paths.kwokConfig, [stringify(kwokctl), stringify(kwok), ...stageDocuments()].join('---\n'));
}

export async function kwokctl(args: string[], timeoutMs = 300_000): Promise<string> {
  const { stdout, stderr } = await run(requireBinary('kwokctl'), ['--name', clusterName, ...args], {
    env: kwokEnv(),
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return `${stdout}${stderr}`;
}

export async function createCluster(): Promise<string> {
  writeKwokConfig();
  return kwokctl(
    ['create', 'cluster', '--config', paths.kwokConfig, '--kubeconfig', paths.kubeconfig, '--wait', '3m'],
    400_000,
  );
}

export async function deleteCluster(): Promise<void> {
  if (!existsSync(kwokClusterDir)) return;
  await kwokctl(['delete', 'cluster', '--kubeconfig', paths.kubeconfig], 120_000);
}

export interface KwokComponent {
  name: string;
  pid: number | undefined;
  alive: boolean;
  log: string;
}

/** The control-plane processes kwokctl started, from its own pid files. */
export function kwokComponents(): KwokComponent[] {
  const pidsDir = join(kwokClusterDir, 'pids');
  if (!existsSync(pidsDir)) return [];
  return readdirSync(pidsDir)
    .filter((f) => f.endsWith('.pid'))
    .map((f) => {
      const name = f.slice(0, -4);
      const pid = readPid(join(pidsDir, f));
      return {
        name,
        pid,
        alive: pid !== undefined && isAlive(pid),
        log: join(kwokClusterDir, 'logs', `${name}.log`),
      };
    });
}
