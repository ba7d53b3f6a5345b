import type { KubernetesObject, V1CustomResourceDefinition } from '@kubernetes/client-node';
import type { ResourceRegistry, ResourceType } from './resources.js';
import type { ObjectStore } from './store.js';

const CRD_GVR = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The resource types a CRD serves, one per served version. */
export function typesOf(crd: V1CustomResourceDefinition): ResourceType[] {
  const { group, names, scope } = crd.spec;
  return crd.spec.versions
    .filter((v) => v.served)
    .map((v) => ({
      group,
      version: v.name,
      resource: names.plural,
      kind: names.kind,
      singular: names.singular ?? names.kind.toLowerCase(),
      namespaced: scope === 'Namespaced',
      shortNames: names.shortNames,
      categories: names.categories,
      verbs: ALL_VERBS,
      subresources: {
        status: v.subresources?.status !== undefined,
        scale: v.subresources?.scale
          ? {
              specReplicasPath: v.subresources.scale.specReplicasPath,
              statusReplicasPath: v.subresources.scale.statusReplicasPath,
              labelSelectorPath: v.subresources.scale.labelSelectorPath,
            }
          : undefined,
      },
      printerColumns: v.additionalPrinterColumns?.map((c) => ({
        name: c.name,
        type: c.type,
        jsonPath: c.jsonPath,
        priority: c.priority,
        description: c.description,
        format: c.format,
      })),
      custom: true,
    }));
}

/**
 * The apiextensions controller's part: a stored CRD makes its resource served (and Established),
 * a deleted one takes its resource and objects away.
 */
export function followCrds(store: ObjectStore, registry: ResourceRegistry): void {
  store.onCrdChange = (obj: KubernetesObject, deleted: boolean) => {
    const crd = obj as V1CustomResourceDefinition;
    registry.remove(crd.spec.group, crd.spec.names.plural);
    if (deleted) {
      store.dropCollection({ group: crd.spec.group, version: '', resource: crd.spec.names.plural });
      return;
    }
    for (const t of typesOf(crd)) registry.add(t);
    const status = {
      acceptedNames: crd.spec.names,
      storedVersions: crd.spec.versions.filter((v) => v.storage).map((v) => v.name),
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          reason: 'NoConflicts',
          message: 'no conflicts found',
          lastTransitionTime: crd.metadata?.creationTimestamp,
        },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
          lastTransitionTime: crd.metadata?.creationTimestamp,
        },
      ],
    };
    if (JSON.stringify(crd.status) !== JSON.stringify(status)) {
      store.updateStatus(CRD_GVR, {
        ...crd,
        metadata: { name: crd.metadata?.name },
        status,
      } as KubernetesObject);
    }
  };
}
