import Fuse from 'fuse.js';

/** What a `:` command line asks for. */
export type Command =
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'contexts'; switchTo?: string }
  | { kind: 'namespace'; set?: string }
  | { kind: 'panel'; panel: 'dns' | 'lb' | 'requests' | 'portforwards' | 'config' | 'screendumps' }
  | {
      kind: 'resource';
      name: string;
      namespaces?: string[] | 'all';
      labelSelector?: string;
      /** `:pods /crash`: the list opens filtered, as k9s does. */
      filter?: string;
      /** `:pods @prod`: in that context. */
      context?: string;
    }
  /** `:helm` (`:releases`, `:charts` as in k9s): the Helm releases of the namespaces given, else the current ones. */
  | { kind: 'helm'; namespaces?: string[] | 'all' }
  | { kind: 'error'; message: string };

export interface CommandContext {
  /** True when the name resolves to a served resource. */
  isResource(name: string): boolean;
  aliases: Record<string, string>;
  /** Every name that completes (resources, aliases, built-ins). */
  names: readonly string[];
}

export const BUILTIN_COMMANDS = [
  'q',
  'quit',
  'help',
  'ctx',
  'context',
  'contexts',
  'ns',
  'namespace',
  'dns',
  'lb',
  'requests',
  'pf',
  'portforwards',
  'helm',
  'releases',
  'charts',
  'config',
  'screendump',
  'sd',
];

/**
 * Parses `:pods kube-system`, `:pods app=web`, `:pods default,kube-system`, `:po -A`, and as k9s
 * `:pods /crash` (a filter, the rest of the line) and `:pods @prod` (a context); aliases first.
 */
export function parseCommand(line: string, ctx: CommandContext): Command {
  const slash = line.search(/\s\/\S?/);
  const filter = slash >= 0 ? line.slice(slash).trim().slice(1) : undefined;
  let words = (slash >= 0 ? line.slice(0, slash) : line)
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return { kind: 'error', message: 'empty command' };
  const alias = ctx.aliases[words[0]!];
  if (alias) words = [...alias.trim().split(/\s+/), ...words.slice(1)];
  const [head, ...args] = words as [string, ...string[]];
  const name = head.toLowerCase();
  switch (name) {
    case 'q':
    case 'q!':
    case 'quit':
      return { kind: 'quit' };
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'ctx':
    case 'context':
    case 'contexts':
      return { kind: 'contexts', switchTo: args[0] };
    case 'ns':
    case 'namespace':
      if (args[0] && args.length === 1 && !args[0].includes('=')) return { kind: 'namespace', set: args[0] };
      break;
    case 'dns':
    case 'lb':
    case 'requests':
      return { kind: 'panel', panel: name };
    case 'pf':
    case 'portforwards':
      return { kind: 'panel', panel: 'portforwards' };
    case 'helm':
    case 'releases':
    case 'charts':
      return { kind: 'helm', namespaces: namespaceArgs(args) };
    case 'config':
      return { kind: 'panel', panel: 'config' };
    case 'sd':
    case 'screendump':
    case 'screendumps':
      return { kind: 'panel', panel: 'screendumps' };
  }
  if (!ctx.isResource(name)) {
    const near = closest(name, ctx.names, 3);
    return {
      kind: 'error',
      message: `no resource named "${head}"${near.length ? ` — did you mean ${near.join(', ')}?` : ' (:crds lists the custom kinds)'}`,
    };
  }
  let namespaces: string[] | 'all' | undefined;
  let labelSelector: string | undefined;
  let context: string | undefined;
  for (const arg of args) {
    if (arg.startsWith('@') && arg.length > 1) context = arg.slice(1);
    else if (arg === '-A' || arg === 'all' || arg === '*') namespaces = 'all';
    else if (arg.includes('=') || arg.startsWith('!'))
      labelSelector = labelSelector ? `${labelSelector},${arg}` : arg;
    else namespaces = arg.split(',').filter((n) => n !== '');
  }
  return {
    kind: 'resource',
    name,
    namespaces,
    labelSelector,
    ...(filter ? { filter } : {}),
    ...(context ? { context } : {}),
  };
}

/** Edits (insert, delete, replace, swap two neighbours) that turn a into b. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/**
 * Names close enough to a mistyped one to be what was meant: a typo or two (a third of its length
 * at most) away, or starting with it; nothing rather than something unrelated.
 */
export function closest(typed: string, names: readonly string[], limit = 3): string[] {
  const max = Math.max(1, Math.floor(typed.length / 3));
  return [...new Set(names)]
    .map((n) => ({ n, d: n.startsWith(typed) ? 0.5 : editDistance(typed, n) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.n.length - b.n.length || a.n.localeCompare(b.n))
    .slice(0, limit)
    .map((x) => x.n);
}

/** The namespaces a command's arguments name: `-A` (or `all`, `*`) for all, `a,b` for several; selectors skipped. */
function namespaceArgs(args: readonly string[]): string[] | 'all' | undefined {
  let namespaces: string[] | 'all' | undefined;
  for (const arg of args) {
    if (arg === '-A' || arg === 'all' || arg === '*') namespaces = 'all';
    else if (!arg.includes('=') && !arg.startsWith('!') && !arg.startsWith('@'))
      namespaces = arg.split(',').filter((n) => n !== '');
  }
  return namespaces;
}

/** The closest names for what was typed, best first (fuzzy, like k9s's command completion). */
export function suggest(typed: string, names: readonly string[], limit = 5): string[] {
  if (typed === '') return [];
  const prefix = names
    .filter((n) => n.startsWith(typed))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  if (prefix.length >= limit) return prefix.slice(0, limit);
  const fuse = new Fuse(names as string[], { threshold: 0.4, ignoreLocation: true });
  const fuzzy = fuse.search(typed, { limit: limit * 2 }).map((r) => r.item);
  return [...new Set([...prefix, ...fuzzy])].slice(0, limit);
}
