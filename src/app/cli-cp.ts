import { parseArgs } from 'node:util';
import { copyFromPod, copyToPod, type PodPath } from '../kube/actions/copy.js';
import { execOverWebsocket } from '../kube/actions/exec-session.js';
import { ActionGate } from '../kube/actions/gate.js';
import type { ActionOutcome, Progress } from '../kube/actions/outcome.js';
import { KubeClient } from '../kube/client.js';
import { contextNamespace, loadKubeconfig } from '../kube/kubeconfig.js';
import { RequestLog } from '../kube/request-log.js';

const usage = `usage: kdeck cp <src> <dst> [-c container] [-n namespace] [--kubeconfig file] [--context name] [--readonly]

  A place in a pod is [namespace/]pod:path; the other side is a local path.
    kdeck cp default/web-0:/var/log/nginx ./nginx-logs   copy a directory out of a pod
    kdeck cp ./site web-0:/usr/share/nginx/html -c nginx  copy into a container
  Like kubectl cp, it runs tar in the container: tar must be there.`;

/** `[ns/]pod:path` → its parts; undefined for a local path. */
export function parsePodPath(arg: string, namespace: string, container?: string): PodPath | undefined {
  const m = /^(?:([^/:]+)\/)?([^/:]+):(.*)$/.exec(arg);
  if (!m || m[1] === '.' || m[1] === '..' || m[2] === '.' || m[2] === '..') return undefined;
  return { namespace: m[1] ?? namespace, pod: m[2], container, path: m[3] === '' ? '.' : m[3] };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

function progressLine(p: Progress): string {
  const bytes = formatBytes(p.bytes ?? 0);
  if (!p.totalBytes) return `${bytes}`;
  const pct = Math.floor((100 * (p.bytes ?? 0)) / Math.max(1, p.totalBytes));
  return `${bytes} / ${formatBytes(p.totalBytes)} (${pct}%)`;
}

/** `kdeck cp`: copies between a pod and this machine; returns the process exit code. */
export async function runCp(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: ReturnType<typeof parseCpArgs>;
  try {
    parsed = parseCpArgs(args);
  } catch (err) {
    process.stderr.write(`kdeck cp: ${err instanceof Error ? err.message : String(err)}\n${usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const [src, dst] = parsed.positionals;
  if (src === undefined || dst === undefined || parsed.positionals.length !== 2) {
    process.stderr.write(`kdeck cp: need a source and a destination\n${usage}\n`);
    return 2;
  }
  const loaded = loadKubeconfig({ file: parsed.values.kubeconfig, context: parsed.values.context, env });
  if (loaded.kind !== 'loaded') {
    process.stderr.write(
      `kdeck cp: ${loaded.kind === 'none' ? `no kubeconfig (looked in ${loaded.searched.join(', ')})` : loaded.message}\n`,
    );
    return 1;
  }
  const namespace = parsed.values.namespace ?? contextNamespace(loaded.kc);
  const from = parsePodPath(src, namespace, parsed.values.container);
  const to = parsePodPath(dst, namespace, parsed.values.container);
  if ((from === undefined) === (to === undefined)) {
    process.stderr.write('kdeck cp: exactly one side must be a pod path ([namespace/]pod:path)\n');
    return 2;
  }
  const client = new KubeClient(loaded.kc, new RequestLog(50));
  const gate = new ActionGate(client, {
    readOnly: parsed.values.readonly === true,
    exec: execOverWebsocket(client),
  });
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const tty = process.stderr.isTTY === true;
  const onProgress = (p: Progress) => {
    if (tty) process.stderr.write(`\r\x1b[K${progressLine(p)}`);
  };
  let outcome: ActionOutcome;
  try {
    outcome = from
      ? await copyFromPod(gate.context(), from, dst, { signal: abort.signal, onProgress })
      : await copyToPod(gate.context(), src, to as PodPath, { signal: abort.signal, onProgress });
  } finally {
    process.off('SIGINT', onSigint);
    client.close();
    if (tty) process.stderr.write('\r\x1b[K');
  }
  if (outcome.cancelled) {
    process.stderr.write('kdeck cp: cancelled\n');
    return 130;
  }
  for (const f of outcome.failures)
    process.stderr.write(`kdeck cp: ${f.object}: ${f.message}\n  ${f.hint}\n`);
  for (const d of outcome.done) process.stderr.write(`${d.object}: ${d.note}\n`);
  return outcome.failures.length ? 1 : 0;
}

function parseCpArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      container: { type: 'string', short: 'c' },
      namespace: { type: 'string', short: 'n' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      readonly: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
