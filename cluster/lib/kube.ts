import { readFileSync } from 'node:fs';
import {
  ApiException,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

export const fieldManager = 'kdeck-cluster';

export function loadKubeConfig(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

/** Parses a multi-document YAML string into objects, skipping empty documents. */
export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => o !== null && typeof o === 'object' && typeof o.kind === 'string');
}

export function readManifests(file: string): KubernetesObject[] {
  return parseManifests(readFileSync(file, 'utf8'));
}

export function isStatus(e: unknown, code: number): boolean {
  return e instanceof ApiException && e.code === code;
}

/** Server-side applies each object in order, as `kubectl apply --server-side --force-conflicts` would. */
export async function applyAll(kc: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kc);
  for (const obj of objects) {
    try {
      await client.patch(obj, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
    } catch (e) {
      const what = `${obj.kind} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name}`;
      const body = e instanceof ApiException ? String(e.body) : String(e);
      throw new Error(`apply ${what}: ${body}`);
    }
  }
}
