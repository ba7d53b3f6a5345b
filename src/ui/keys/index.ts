import { actionKeys } from './action-keys.js';
import { coreKeys } from './core-keys.js';
import { dnsKeys } from './dns-keys.js';
import { helmKeys } from './helm-keys.js';
import type { KeyBinding, KeyScope } from './key-binding.js';
import { lbKeys } from './lb-keys.js';
import { logsKeys } from './logs-keys.js';
import { paneKeys } from './pane-keys.js';

/** Every key of kdeck, the one table behind the help screen and the README. */
export function allKeys(): KeyBinding[] {
  return [...coreKeys, ...paneKeys, ...logsKeys, ...actionKeys, ...dnsKeys, ...lbKeys, ...helmKeys];
}

export const SCOPE_TITLES: Record<KeyScope, string> = {
  global: 'Everywhere',
  table: 'Resource lists',
  'any-resource': 'Any resource',
  pod: 'Pods',
  container: 'Containers',
  workload: 'Workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet)',
  node: 'Nodes',
  namespace: 'Namespaces',
  service: 'Services',
  cronjob: 'CronJobs',
  secret: 'Secrets',
  describe: 'Describe',
  yaml: 'YAML',
  logs: 'Logs',
  pane: 'Shell and terminal pane',
  dns: 'DNS panel (:dns)',
  lb: 'Load-balancer panel (:lb)',
  helm: 'Helm releases (:helm)',
  prompt: 'Command and filter prompt',
};

/** Bindings grouped by scope, in the order of SCOPE_TITLES; mutating ones dropped when not allowed. */
export function keysByScope(keys: KeyBinding[], allowMutations: boolean): [KeyScope, KeyBinding[]][] {
  const out: [KeyScope, KeyBinding[]][] = [];
  for (const scope of Object.keys(SCOPE_TITLES) as KeyScope[]) {
    const list = keys.filter((k) => k.scope === scope && (allowMutations || !k.mutates));
    if (list.length) out.push([scope, list]);
  }
  return out;
}

/** The key table as Markdown, for the README (scripts/gen-keys-doc.ts writes it). */
export function keysMarkdown(keys: KeyBinding[]): string {
  const lines: string[] = [];
  for (const [scope, list] of keysByScope(keys, true)) {
    lines.push(`#### ${SCOPE_TITLES[scope]}`, '', '| Key | Action |', '| --- | --- |');
    for (const k of list) {
      const desc = `${k.description}${k.mutates ? ' *(changes the cluster; hidden in read-only mode)*' : ''}${k.note ? ` — ${k.note}` : ''}`;
      lines.push(`| \`${k.key}\` | ${desc.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
