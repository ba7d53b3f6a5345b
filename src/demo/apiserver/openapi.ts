import { createHash } from 'node:crypto';
import { groups } from './discovery.js';
import type { ResourceRegistry } from './resources.js';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** /openapi/v3: where each group version's document is. */
export function openApiRoot(reg: ResourceRegistry): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const g of groups(reg)) {
    for (const v of g.versions) {
      const path = gvPath(g.group, v);
      const hash = createHash('sha256')
        .update(JSON.stringify(openApiGroupVersion(reg, g.group, v)))
        .digest('hex')
        .slice(0, 16)
        .toUpperCase();
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
    }
  }
  return { paths };
}

/**
 * A group version's OpenAPI v3 document with operations but no schemas: enough for kubectl to see
 * that the server validates fields itself (the fieldValidation parameter) and to fall back to its
 * compiled-in types for strategic merge patches. `kubectl explain` needs the schemas and is not served.
 */
export function openApiGroupVersion(
  reg: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const types = reg.all().filter((t) => t.group === group && t.version === version);
  if (!types.length) return undefined;
  const paths: Record<string, unknown> = {};
  const param = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });
  for (const t of types) {
    const gvk = { 'x-kubernetes-group-version-kind': { group, version, kind: t.kind } };
    const base = `/${gvPath(group, version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.resource}`;
    const op = (id: string) => ({
      operationId: id,
      ...gvk,
      parameters: [param('fieldValidation'), param('fieldManager'), param('dryRun')],
    });
    paths[base] = { get: { operationId: `list${t.kind}`, ...gvk }, post: op(`create${t.kind}`) };
    paths[`${base}/{name}`] = {
      get: { operationId: `read${t.kind}`, ...gvk },
      put: op(`replace${t.kind}`),
      patch: op(`patch${t.kind}`),
      delete: { operationId: `delete${t.kind}`, ...gvk },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas: {} },
  };
}
