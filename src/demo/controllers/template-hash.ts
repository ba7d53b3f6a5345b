import { createHash } from 'node:crypto';

/** The alphabet of k8s.io/apimachinery's rand.SafeEncodeString: no vowels, no look-alikes. */
const safe = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so equal templates hash equally whatever order their fields were written in. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * A pod-template-hash / controller-revision-hash: a 32-bit hash of the template (plus the collision count)
 * printed in decimal and safe-encoded as the controllers do, so names look like `test-5f6778868d`.
 */
export function templateHash(template: unknown, collisionCount = 0): string {
  const h = createHash('sha256').update(stable(template));
  if (collisionCount > 0) h.update(String(collisionCount));
  const n = h.digest().readUInt32BE(0);
  return [...String(n)].map((ch) => safe[ch.charCodeAt(0) % safe.length]).join('');
}

/** Whether two pod templates are equal once their pod-template-hash labels are ignored. */
export function sameTemplate(a: unknown, b: unknown): boolean {
  return stable(withoutHash(a)) === stable(withoutHash(b));
}

function withoutHash(t: unknown): unknown {
  const tpl = t as { metadata?: { labels?: Record<string, string> } } | undefined;
  if (!tpl?.metadata?.labels) return t;
  const { 'pod-template-hash': _h, ...labels } = tpl.metadata.labels;
  return { ...tpl, metadata: { ...tpl.metadata, labels } };
}
