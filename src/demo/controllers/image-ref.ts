import { createHash } from 'node:crypto';

/** The fully qualified reference containerd reports for an image name (`nginx` → `docker.io/library/nginx:latest`). */
export function canonicalImage(image: string): string {
  const lastSlash = image.lastIndexOf('/');
  const hasTag = image.slice(lastSlash + 1).includes(':') || image.includes('@');
  const tagged = hasTag ? image : `${image}:latest`;
  const first = tagged.split('/')[0]!;
  if (!tagged.includes('/')) return `docker.io/library/${tagged}`;
  if (first.includes('.') || first.includes(':') || first === 'localhost') return tagged;
  return `docker.io/${tagged}`;
}

/** A stable fake digest for an image, so imageID looks like a registry's and does not change between restarts. */
export function imageDigest(image: string): string {
  const ref = canonicalImage(image);
  const repo = ref.replace(/[:@][^/]*$/, '');
  return `${repo}@sha256:${createHash('sha256').update(ref).digest('hex')}`;
}

/** A plausible compressed image size in bytes, stable per image, for the Pulled event. */
export function imageSize(image: string): number {
  return 2_000_000 + (createHash('sha256').update(image).digest().readUInt32BE(0) % 90_000_000);
}

/** A containerd container id. */
export function containerId(podUid: string, name: string, restart: number): string {
  return `containerd://${createHash('sha256').update(`${podUid}/${name}/${restart}`).digest('hex')}`;
}
