import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const clusterDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = dirname(clusterDir);
export const stateDir = process.env.KDECK_CLUSTER_STATE ?? join(repoRoot, '.cluster');

/** Every path the harness writes, all under the repo's gitignored .cluster/. */
export const paths = {
  state: join(stateDir, 'state.json'),
  pids: join(stateDir, 'pids'),
  logs: join(stateDir, 'logs'),
  kubeconfig: join(stateDir, 'kubeconfig'),
  kwokWorkdir: join(stateDir, 'kwok'),
  kwokConfig: join(stateDir, 'kwokctl.yaml'),
  auditPolicy: join(stateDir, 'audit-policy.yaml'),
  bind: join(stateDir, 'bind'),
  bindKey: join(stateDir, 'bind', 'externaldns.key'),
  pods: join(stateDir, 'pods'),
} as const;

export const clusterName = 'kdeck';
export const kwokClusterDir = join(paths.kwokWorkdir, 'clusters', clusterName);

/** The kube-apiserver audit log, JSON lines; kwokctl writes it into its cluster's log folder. */
export const auditLogPath = join(kwokClusterDir, 'logs', 'audit.log');

export type Versions = Record<string, string>;

/** The pins in cluster/versions.env, as KEY=value pairs. */
export function readVersions(): Versions {
  const out: Versions = {};
  for (const line of readFileSync(join(clusterDir, 'versions.env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** The binary cache folder install.sh fills: one per Go version, each component stamped with its own pins. */
export function binDir(): string {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  let goVersion: string;
  try {
    goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  } catch {
    // Without go on PATH, use what install.sh built last.
    return resolve(cache, 'kdeck-cluster', 'current', 'bin');
  }
  return resolve(cache, 'kdeck-cluster', goVersion, 'bin');
}

export function crdDir(): string {
  return join(dirname(binDir()), 'crds');
}

export function requireBinary(name: string): string {
  const p = join(binDir(), name);
  if (!existsSync(p)) {
    throw new Error(`missing ${p}: run \`bash cluster/install.sh\` first (pins changed or never installed)`);
  }
  return p;
}
