import { constants, gunzipSync, gzipSync } from 'node:zlib';
import type { KubernetesObject, V1ConfigMap, V1Secret } from '@kubernetes/client-node';

/** Helm's release states (helm.sh/helm/v3 pkg/release/status.go). */
export const RELEASE_STATUSES = [
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** The parts of a chart Helm stores with each release (its dependencies are not stored). */
export interface HelmChart {
  metadata?: {
    name?: string;
    version?: string;
    appVersion?: string;
    description?: string;
    apiVersion?: string;
    [k: string]: unknown;
  };
  values?: Record<string, unknown> | null;
  templates?: { name: string; data: string }[] | null;
  [k: string]: unknown;
}

export interface HelmHook {
  name?: string;
  kind?: string;
  path?: string;
  manifest?: string;
  events?: string[];
  last_run?: { started_at?: string; completed_at?: string; phase?: string };
  weight?: number;
  delete_policies?: string[];
}

/** A release as Helm serialises it (pkg/release/release.go), the fields kdeck reads. */
export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  info?: {
    first_deployed?: string;
    last_deployed?: string;
    deleted?: string;
    description?: string;
    status?: string;
    notes?: string;
  };
  chart?: HelmChart | null;
  config?: Record<string, unknown> | null;
  manifest?: string;
  hooks?: HelmHook[] | null;
}

/** Where a release revision is kept: a Secret (Helm's default driver) or a ConfigMap. */
export type HelmDriver = 'secret' | 'configmap';

/** One stored revision: decoded, or the reason it could not be. */
export interface StoredRelease {
  driver: HelmDriver;
  /** The storage object's own name (`sh.helm.release.v1.web.v3`). */
  objectName: string;
  namespace: string;
  /** From the storage labels, so a corrupt revision still has a name and a number. */
  name: string;
  version: number;
  labelStatus: string;
  release?: HelmRelease;
  /** Why the revision could not be read; the list shows it instead of failing. */
  error?: string;
}

export const HELM_SECRET_TYPE = 'helm.sh/release.v1';
export const HELM_OWNER_SELECTOR = 'owner=helm';
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/**
 * Decodes Helm's storage encoding as pkg/storage/driver/util.go does: base64, gunzip when the gzip magic is there
 * (releases stored before compression are plain JSON), then JSON.
 */
export function decodeRelease(encoded: string): { release: HelmRelease } | { error: string } {
  const text = encoded.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    return { error: 'release data is not base64' };
  let bytes = Buffer.from(text, 'base64');
  if (bytes.length > 3 && GZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      return { error: `release data is not valid gzip: ${(e as Error).message}` };
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { error: `release data is not JSON: ${(e as Error).message}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { error: 'release data is not a JSON object' };
  const r = parsed as Partial<HelmRelease>;
  if (typeof r.name !== 'string' || r.name === '') return { error: 'release has no name' };
  if (typeof r.version !== 'number') return { error: 'release has no version number' };
  return { release: { ...r, name: r.name, version: r.version, namespace: r.namespace ?? '' } };
}

/** Encodes a release as Helm stores it: JSON, gzip, base64 (what the demo seeds and the tests build). */
export function encodeRelease(release: HelmRelease): string {
  const json = Buffer.from(JSON.stringify(release));
  return gzipSync(json, { level: constants.Z_BEST_COMPRESSION }).toString('base64');
}

/** The storage object's name for a revision, as both drivers make it. */
export function releaseObjectName(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}

const OBJECT_NAME = /^sh\.helm\.release\.v1\.(.+)\.v(\d+)$/;

/** Reads one Helm storage object (Secret or ConfigMap labelled owner=helm); never throws. */
export function readStoredRelease(obj: KubernetesObject, driver: HelmDriver): StoredRelease {
  const meta = obj.metadata ?? {};
  const labels = meta.labels ?? {};
  const objectName = meta.name ?? '';
  const fromName = OBJECT_NAME.exec(objectName);
  const base: StoredRelease = {
    driver,
    objectName,
    namespace: meta.namespace ?? '',
    name: labels.name ?? fromName?.[1] ?? objectName,
    version: Number(labels.version ?? fromName?.[2] ?? 0) || 0,
    labelStatus: labels.status ?? 'unknown',
  };
  let encoded: string | undefined;
  if (driver === 'secret') {
    const secret = obj as V1Secret;
    if (secret.type !== HELM_SECRET_TYPE)
      return { ...base, error: `unknown storage type ${secret.type ?? '(none)'}, not ${HELM_SECRET_TYPE}` };
    const raw = secret.data?.release;
    // A Secret's data is base64 on the wire, around Helm's own base64.
    encoded = raw === undefined ? undefined : Buffer.from(raw, 'base64').toString('latin1');
  } else {
    encoded = (obj as V1ConfigMap).data?.release;
  }
  if (!fromName) return { ...base, error: `not a Helm release v1 object name (${objectName})` };
  if (encoded === undefined) return { ...base, error: 'no release key in the data' };
  const decoded = decodeRelease(encoded);
  if ('error' in decoded) return { ...base, error: decoded.error };
  const release = { ...decoded.release, namespace: decoded.release.namespace || base.namespace };
  return { ...base, name: release.name, version: release.version, release };
}
