import Fuse from 'fuse.js';

/** What a `:` command line asks for. */
export type Command =
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'contexts'; switchTo?: string }
  | { kind: 'namespace'; set?: string }
  | { kind: 'panel'; panel: 'dns' | 'lb' | 'requests' | 'portforwards' | 'config' | 'screendumps' }
  | { kind: 'resource'; name: string; namespaces?: string[] | 'all'; labelSelector?: string }
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
  'config',
  'screendump',
  'sd',
];

/** Parses `:pods kube-system`, `:pods app=web`, `:pods default,kube-system`, `:po -A`, aliases first. */
export function parseCommand(line: string, ctx: CommandContext): Command {
  let words = line
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
    case 'config':
      return { kind: 'panel', panel: 'config' };
    case 'sd':
    case 'screendump':
    case 'screendumps':
      return { kind: 'panel', panel: 'screendumps' };
  }
  if (!ctx.isResource(name)) {
    const near = suggest(name, ctx.names, 3);
    return {
      kind: 'error',
      message: `no resource named "${head}"${near.length ? ` — did you mean ${near.join(', ')}?` : ''}`,
    };
  }
  let namespaces: string[] | 'all' | undefined;
  let labelSelector: string | undefined;
  for (const arg of args) {
    if (arg === '-A' || arg === 'all' || arg === '*') namespaces = 'all';
    else if (arg.includes('=') || arg.startsWith('!'))
      labelSelector = labelSelector ? `${labelSelector},${arg}` : arg;
    else namespaces = arg.split(',').filter((n) => n !== '');
  }
  return { kind: 'resource', name, namespaces, labelSelector };
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
