import { readFileSync } from 'node:fs';
import {
  ApiException,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  loadAllYaml,
  PatchStrategy,
} from '@kubernetes/client-node';

export const fieldManager = 'kdeck-cluster';

export function loadKubeConfig(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

/**
 * Parses multi-document YAML into client-node model objects, skipping empty documents.
 * client-node's loader is needed: its serializer drops wire-only keys (x-kubernetes-*) of plain parsed objects.
 */
export function parseManifests(text: string): KubernetesObject[] {
  return (loadAllYaml(text) as (KubernetesObject | null)[]).filter(
    (o): o is KubernetesObject => o !== null && typeof o === 'object' && typeof o.kind === 'string',
  );
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
    for (let attempt = 1; ; attempt++) {
      try {
        await client.patch(obj, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
        break;
      } catch (e) {
        const body = e instanceof ApiException ? String(e.body) : String(e);
        // A pod in a namespace made a moment ago: the controller-manager has not yet given it its default
        // ServiceAccount, and admission refuses the pod until it has (seen in `up` once in a few dozen runs).
        if (attempt < 60 && /error looking up service account .* not found/.test(body)) {
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        const what = `${obj.kind} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name}`;
        throw new Error(`apply ${what}: ${body}`);
      }
    }
  }
}
