import type { KubernetesObject } from '@kubernetes/client-node';

/** A local command on a key, like a k9s plugin: config `plugins`. */
export interface Plugin {
  key: string;
  description: string;
  /** Kinds it applies to, lowercase (`pods`, `deployments`), or `all`. */
  scopes: string[];
  command: string;
  args: string[];
  /** Changes the cluster: refused in read-only mode. */
  dangerous: boolean;
}

export interface PluginContext {
  obj: KubernetesObject;
  /** Plural resource name of the row (`pods`). */
  resource: string;
  kind: string;
  context: string;
  cluster: string;
  user: string;
  kubeconfig: string | undefined;
  container?: string;
}

/** Reads config `plugins`; returns the valid ones and a message per invalid entry. */
export function parsePlugins(raw: unknown): { plugins: Plugin[]; problems: string[] } {
  const plugins: Plugin[] = [];
  const problems: string[] = [];
  if (raw === undefined) return { plugins, problems };
  if (!Array.isArray(raw)) return { plugins, problems: ['plugins should be a list'] };
  raw.forEach((p: unknown, i) => {
    const r = (p ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => typeof v === 'string' && v !== '';
    if (!str(r.key) || !str(r.command)) {
      problems.push(`plugins[${i}] needs a key and a command`);
      return;
    }
    const scopes =
      Array.isArray(r.scopes) && r.scopes.every(str)
        ? (r.scopes as string[]).map((s) => s.toLowerCase())
        : ['all'];
    const args =
      Array.isArray(r.args) && r.args.every((a) => typeof a === 'string') ? (r.args as string[]) : [];
    plugins.push({
      key: r.key as string,
      description: str(r.description) ? (r.description as string) : (r.command as string),
      scopes,
      command: r.command as string,
      args,
      dangerous: r.dangerous === true,
    });
  });
  return { plugins, problems };
}

export function pluginApplies(p: Plugin, resource: string, kind: string): boolean {
  return p.scopes.includes('all') || p.scopes.includes(resource) || p.scopes.includes(kind.toLowerCase());
}

/** The environment a plugin runs with, as k9s names it: $NAMESPACE, $NAME, $CONTEXT, … */
export function pluginEnv(ctx: PluginContext): Record<string, string> {
  const env: Record<string, string> = {
    NAMESPACE: ctx.obj.metadata?.namespace ?? '',
    NAME: ctx.obj.metadata?.name ?? '',
    RESOURCE_NAME: ctx.resource,
    KIND: ctx.kind,
    CONTEXT: ctx.context,
    CLUSTER: ctx.cluster,
    USER: ctx.user,
    CONTAINER: ctx.container ?? '',
  };
  if (ctx.kubeconfig) env.KUBECONFIG = ctx.kubeconfig;
  return env;
}

/** Arguments with $VARS replaced from the plugin environment (unknown ones are left as typed). */
export function pluginArgs(p: Plugin, env: Record<string, string>): string[] {
  return p.args.map((a) =>
    a.replace(/\$([A-Z_]+)|\$\{([A-Z_]+)\}/g, (m, a1: string, a2: string) => env[a1 ?? a2] ?? m),
  );
}
