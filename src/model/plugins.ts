import type { KubernetesObject } from '@kubernetes/client-node';
import { type Ignored, isMapping, type Parsed, unknownKeys } from './k9s/entries.js';
import { shortcutKey } from './k9s/shortcut.js';

/**
 * A local command on a key, in k9s's plugin schema (the one format for kdeck's config and k9s's files):
 * `shortCut`, `scopes`, `command`, `args`, `background`, `confirm`, `dangerous`, `description`,
 * `overwriteOutput`, `pipes`.
 */
export interface Plugin {
  /** The entry's name in its file (`stern`). */
  name: string;
  /** kdeck's name of the key (`ctrl-y`, `shift-e`); `shortCut` as written is in `shortCut`. */
  key: string;
  shortCut: string;
  description: string;
  /** Kinds, aliases or short names it applies to, lowercase (`pods`, `po`, `deploy`), or `all`. */
  scopes: string[];
  command: string;
  args: string[];
  /** Runs without the pane; its end (and with overwriteOutput, its output) is reported in the status line. */
  background: boolean;
  /** Asks before running, showing the command line. */
  confirm: boolean;
  /** Changes the cluster: refused in read-only mode. */
  dangerous: boolean;
  /** Background: the status line shows the command's last output line instead of "done". */
  overwriteOutput: boolean;
  /** Commands the output is piped through, each a command line (`jq .`). */
  pipes: string[];
  /** The file it came from, for `:config`. */
  source: string;
}

const PLUGIN_KEYS = [
  'shortCut',
  'scopes',
  'command',
  'args',
  'background',
  'confirm',
  'dangerous',
  'description',
  'overwriteOutput',
  'pipes',
  'override',
  'inputs',
];

/** One plugin entry in k9s's schema; `where` names it in ignored entries (`plugins.stern`). */
export function parsePlugin(
  name: string,
  raw: unknown,
  where: string,
  source: string,
): Parsed<Plugin | undefined> {
  const ignored: Ignored[] = [];
  if (!isMapping(raw))
    return { value: undefined, read: [], ignored: [{ entry: where, reason: 'not a mapping' }] };
  const r = raw;
  if (typeof r.shortCut !== 'string' || r.shortCut === '')
    return { value: undefined, read: [], ignored: [{ entry: where, reason: 'no shortCut' }] };
  if (typeof r.command !== 'string' || r.command === '')
    return { value: undefined, read: [], ignored: [{ entry: where, reason: 'no command' }] };
  if (r.inputs !== undefined)
    return {
      value: undefined,
      read: [],
      ignored: [{ entry: `${where}.inputs`, reason: 'unsupported feature: plugin input forms' }],
    };
  const key = shortcutKey(r.shortCut);
  if ('error' in key)
    return { value: undefined, read: [], ignored: [{ entry: `${where}.shortCut`, reason: key.error }] };
  ignored.push(...unknownKeys(r, PLUGIN_KEYS, where));
  if (r.override !== undefined)
    ignored.push({
      entry: `${where}.override`,
      reason: 'unsupported feature: a plugin never takes a key kdeck uses',
    });
  const strings = (k: string): string[] => {
    const v = r[k];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v) && v.every((a) => ['string', 'number', 'boolean'].includes(typeof a)))
      return v.map(String);
    ignored.push({ entry: `${where}.${k}`, reason: 'bad value: should be a list of strings' });
    return [];
  };
  const bool = (k: string, fallback: boolean): boolean => {
    const v = r[k];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    ignored.push({ entry: `${where}.${k}`, reason: 'bad value: should be true or false' });
    return fallback;
  };
  const scopes = strings('scopes').map((s) => s.toLowerCase());
  const description =
    typeof r.description === 'string' && r.description.trim() !== ''
      ? r.description.trim().replace(/\s*\n\s*/g, ' ')
      : name;
  const plugin: Plugin = {
    name,
    key: key.key,
    shortCut: r.shortCut,
    description,
    scopes: scopes.length ? scopes : ['all'],
    command: r.command,
    args: strings('args'),
    background: bool('background', false),
    confirm: bool('confirm', false),
    dangerous: bool('dangerous', false),
    overwriteOutput: bool('overwriteOutput', false),
    pipes: strings('pipes'),
    source,
  };
  return {
    value: plugin,
    read: [`plugin ${name} on ${plugin.key} (${plugin.scopes.join(', ')}): ${plugin.command}`],
    ignored,
  };
}

/** A `plugins:` mapping of name → plugin, as k9s's plugins.yaml and kdeck's config have it. */
export function parsePlugins(raw: unknown, prefix: string, source: string): Parsed<Plugin[]> {
  const out: Parsed<Plugin[]> = { value: [], read: [], ignored: [] };
  if (raw === undefined || raw === null) return out;
  if (!isMapping(raw)) {
    out.ignored.push({
      entry: prefix,
      reason: 'bad value: should be a mapping of name → plugin (k9s schema)',
    });
    return out;
  }
  for (const [name, p] of Object.entries(raw)) {
    const one = parsePlugin(name, p, prefix ? `${prefix}.${name}` : name, source);
    if (one.value) out.value.push(one.value);
    out.read.push(...one.read);
    out.ignored.push(...one.ignored);
  }
  return out;
}

/** What a plugin's scopes are matched against: every name the resource answers to (k9s matches aliases). */
export interface PluginScopeNames {
  resource: string;
  kind: string;
  singular?: string;
  shortNames?: readonly string[];
  /** Aliases (k9s's aliases.yaml and kdeck's) that name this resource. */
  aliases?: readonly string[];
}

export function pluginApplies(p: Plugin, names: PluginScopeNames): boolean {
  if (p.scopes.includes('all')) return true;
  const all = [
    names.resource,
    names.kind.toLowerCase(),
    names.singular,
    ...(names.shortNames ?? []),
    ...(names.aliases ?? []),
  ];
  return p.scopes.some((s) => all.includes(s));
}

export interface PluginContext {
  obj: KubernetesObject;
  /** Plural resource name of the row (`pods`). */
  resource: string;
  group: string;
  version: string;
  kind: string;
  context: string;
  cluster: string;
  user: string;
  groups?: readonly string[];
  kubeconfig: string | undefined;
  container?: string;
  /** The pod of a container row. */
  pod?: string;
  /** The list's filter as typed; empty: k9s passes the row's name. */
  filter?: string;
  /** The row as shown: column names and their cells, for $COL-<NAME>. */
  columns?: readonly { name: string; value: string }[];
}

/** The variables a plugin gets, as k9s names them: $NAMESPACE, $NAME, $CONTEXT, $COL-STATUS… */
export function pluginEnv(ctx: PluginContext): Record<string, string> {
  const name = ctx.obj.metadata?.name ?? '';
  const env: Record<string, string> = {
    NAMESPACE: ctx.obj.metadata?.namespace ?? '',
    NAME: name,
    RESOURCE_NAME: ctx.resource,
    RESOURCE_GROUP: ctx.group,
    RESOURCE_VERSION: ctx.version,
    KIND: ctx.kind,
    CONTEXT: ctx.context,
    CLUSTER: ctx.cluster,
    USER: ctx.user,
    GROUPS: (ctx.groups ?? []).join(','),
    CONTAINER: ctx.container ?? '',
    POD: ctx.pod ?? (ctx.resource === 'pods' ? name : ''),
    FILTER: ctx.filter || name,
  };
  for (const c of ctx.columns ?? []) env[`COL-${c.name.toUpperCase()}`] = c.value;
  if (ctx.kubeconfig) env.KUBECONFIG = ctx.kubeconfig;
  return env;
}

/** The variables a child process can carry in its environment ($COL-X is not a shell name). */
export function pluginProcessEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => /^[A-Z_][A-Z0-9_]*$/.test(k)));
}

const BOOL: ReadonlyMap<string, boolean> = new Map([
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((s): [string, boolean] => [s, true]),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((s): [string, boolean] => [s, false]),
]);

const VAR = /\$(!?)(COL-[\w-]+|[A-Za-z_]\w*)|\$\{(!?)(COL-[\w-]+|[A-Za-z_]\w*)\}/g;

/**
 * One argument with $VARS and ${VARS} replaced, as k9s does: names in any case, `$!VAR` negates a true/false
 * value; unknown ones (and shell syntax such as `${X:+y}`) are left for the shell.
 */
export function substitute(arg: string, env: Record<string, string>): string {
  return arg.replace(VAR, (m, bang1: string, n1: string, bang2: string, n2: string) => {
    const name = (n1 ?? n2).toUpperCase();
    const v = env[name];
    if (v === undefined) return m;
    // As k9s: a value that reads as a boolean (True, f, FALSE…) and not as a number is written true/false.
    const b = BOOL.get(v);
    if (b === undefined || !Number.isNaN(Number(v))) return v;
    return String((bang1 ?? bang2) === '!' ? !b : b);
  });
}

export function pluginArgs(p: Plugin, env: Record<string, string>): string[] {
  return p.args.map((a) => substitute(a, env));
}

/** A word as the shell reads it literally. */
function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * What to run: the command and its arguments, or with `pipes` one `sh -c` pipeline (each pipe is a command line,
 * as k9s splits them), so the output goes through them as in k9s.
 */
export function pluginInvocation(p: Plugin, env: Record<string, string>): { file: string; args: string[] } {
  const args = pluginArgs(p, env);
  if (p.pipes.length === 0) return { file: p.command, args };
  const line = [
    [p.command, ...args].map(shellQuote).join(' '),
    ...p.pipes.map((x) => substitute(x, env)),
  ].join(' | ');
  return { file: 'sh', args: ['-c', line] };
}
