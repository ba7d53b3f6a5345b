import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * The part of Go's text/template that fqdn-templates use in practice: `{{.Name}}`, `{{.Namespace}}`,
 * `{{.Kind}}`, `{{index .Labels "k"}}`, `{{index .Annotations "k"}}`, `{{.Labels.k}}`. Anything else is
 * reported rather than guessed.
 */
export function execFqdnTemplates(
  templates: readonly string[],
  obj: KubernetesObject,
  kind: string,
): { hostnames: string[]; problem?: string } {
  const hostnames: string[] = [];
  for (const tpl of templates.flatMap((t) => t.split(','))) {
    const text = tpl.trim();
    if (text === '') continue;
    let problem: string | undefined;
    const out = text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, expr: string) => {
      const v = evalExpr(expr, obj, kind);
      if (v === undefined) problem = `fqdn-template "${text}": kdeck does not evaluate {{${expr}}}`;
      return v ?? '';
    });
    if (problem) return { hostnames, problem };
    for (const h of out.split(',')) {
      const host = h.trim().replace(/\.$/, '');
      if (host !== '') hostnames.push(host);
    }
  }
  return { hostnames };
}

function evalExpr(expr: string, obj: KubernetesObject, kind: string): string | undefined {
  const md = obj.metadata ?? {};
  if (expr === '.Name') return md.name ?? '';
  if (expr === '.Namespace') return md.namespace ?? '';
  if (expr === '.Kind') return kind;
  const idx = /^index\s+\.(Labels|Annotations)\s+"([^"]+)"$/.exec(expr);
  if (idx) return (idx[1] === 'Labels' ? md.labels : md.annotations)?.[idx[2]!] ?? '';
  const dot = /^\.(Labels|Annotations)\.([A-Za-z0-9_]+)$/.exec(expr);
  if (dot) return (dot[1] === 'Labels' ? md.labels : md.annotations)?.[dot[2]!] ?? '';
  return undefined;
}
