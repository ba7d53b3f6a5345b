import { isMapping, type Parsed } from './entries.js';

/**
 * k9s's aliases.yaml (`aliases: {pp: v1/pods, dp: apps/v1/deployments, sys: pods kube-system}`) as kdeck aliases:
 * a GVR becomes the group-qualified name kdeck resolves (`deployments.apps`), arguments are kept.
 */
export function parseK9sAliases(doc: unknown): Parsed<Record<string, string>> {
  const out: Parsed<Record<string, string>> = { value: {}, read: [], ignored: [] };
  if (doc === null || doc === undefined) return out;
  if (!isMapping(doc))
    return { ...out, ignored: [{ entry: '(top)', reason: 'bad value: should be a mapping' }] };
  for (const k of Object.keys(doc))
    if (k !== 'aliases') out.ignored.push({ entry: k, reason: 'unknown key' });
  const raw = doc.aliases;
  if (raw === undefined || raw === null) return out;
  if (!isMapping(raw)) {
    out.ignored.push({ entry: 'aliases', reason: 'bad value: should be a mapping of alias → command' });
    return out;
  }
  for (const [alias, v] of Object.entries(raw)) {
    if (typeof v !== 'string' || v.trim() === '') {
      out.ignored.push({ entry: `aliases.${alias}`, reason: 'bad value: should be a resource or a command' });
      continue;
    }
    const command = gvrCommand(v);
    out.value[alias] = command;
    out.read.push(`alias ${alias} → ${command}`);
  }
  return out;
}

/** `apps/v1/deployments x` → `deployments.apps x`, `v1/pods` → `pods`; anything else as written. */
export function gvrCommand(line: string): string {
  const [head = '', ...rest] = line.trim().split(/\s+/);
  const parts = head.split('/');
  let name = head;
  if (parts.length === 2) name = parts[1]!;
  else if (parts.length === 3) name = parts[0] ? `${parts[2]}.${parts[0]}` : parts[2]!;
  return [name, ...rest].join(' ');
}

/** Aliases that stand for other aliases (k9s allows chains) expanded to what they end at; loops are left alone. */
export function expandAliasChains(aliases: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [alias, line] of Object.entries(aliases)) {
    let words = line.split(/\s+/);
    const seen = new Set([alias]);
    while (words[0] && aliases[words[0]] && !seen.has(words[0])) {
      seen.add(words[0]);
      words = [...aliases[words[0]]!.split(/\s+/), ...words.slice(1)];
    }
    out[alias] = words.join(' ');
  }
  return out;
}
