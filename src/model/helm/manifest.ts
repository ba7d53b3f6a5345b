import { parseDocument } from 'yaml';

/** One object of a release's manifest: what `helm get manifest` renders, by its `# Source:` template. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written in the manifest; undefined for cluster-scoped objects and ones relying on the release namespace. */
  namespace?: string;
  /** The template that rendered it (`demo-app/templates/deployment.yaml`). */
  source?: string;
}

/**
 * The objects of a rendered manifest, in order. Documents that are not objects (empty, comments only) are skipped;
 * a document with a YAML error still counts when its kind and name can be read (a failed revision's manifest).
 */
export function manifestObjects(manifest: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const chunk of manifest.split(/^---[ \t]*$/m)) {
    const source = /^#\s*Source:\s*(\S+)/m.exec(chunk)?.[1];
    let value: Record<string, unknown> | null;
    try {
      value = parseDocument(chunk).toJS() as Record<string, unknown> | null;
    } catch {
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    const meta = (value.metadata ?? {}) as Record<string, unknown>;
    if (typeof value.kind !== 'string' || typeof meta.name !== 'string') continue;
    out.push({
      apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : 'v1',
      kind: value.kind,
      name: meta.name,
      namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
      source,
    });
  }
  return out;
}
