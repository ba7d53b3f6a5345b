import type { KubernetesObject, V1PodSpec } from '@kubernetes/client-node';
import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome } from './outcome.js';
import { runAction } from './run-action.js';
import { isKind, kinds, type Target } from './target.js';

export const imageKinds = [
  kinds.pod,
  kinds.deployment,
  kinds.statefulSet,
  kinds.daemonSet,
  kinds.replicaSet,
  kinds.job,
  kinds.cronJob,
];

export interface ContainerImage {
  name: string;
  image: string;
  init: boolean;
}

export function canSetImage(t: Target): boolean {
  return imageKinds.some((k) => isKind(t, k));
}

type WithSpec = KubernetesObject & { spec?: Record<string, unknown> };

/** Where the pod spec sits in each kind, as keys from the object root. */
function podSpecPath(t: Target): string[] {
  if (isKind(t, kinds.pod)) return ['spec'];
  if (isKind(t, kinds.cronJob)) return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

function podSpecOf(t: Target, obj: WithSpec): V1PodSpec | undefined {
  let cur: unknown = obj;
  for (const k of podSpecPath(t)) cur = (cur as Record<string, unknown> | undefined)?.[k];
  return cur as V1PodSpec | undefined;
}

/** The containers (init ones too) of an object and their images, for the dialog. */
export function containerImages(t: Target, obj: WithSpec): ContainerImage[] {
  const spec = podSpecOf(t, obj);
  return [
    ...(spec?.initContainers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', init: true })),
    ...(spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', init: false })),
  ];
}

export async function readContainerImages(
  ctx: ActionContext,
  target: Target,
  signal?: AbortSignal,
): Promise<ContainerImage[]> {
  return containerImages(target, await ctx.read.get<WithSpec>(target, { signal }));
}

/** Builds the strategic merge patch `kubectl set image` sends: containers merged by name. */
export function imagePatch(t: Target, current: ContainerImage[], images: Record<string, string>): unknown {
  const pick = (init: boolean) =>
    current
      .filter((c) => c.init === init && images[c.name] !== undefined)
      .map((c) => ({ name: c.name, image: images[c.name] }));
  const spec: Record<string, unknown> = {};
  const containers = pick(false);
  const initContainers = pick(true);
  if (containers.length) spec.containers = containers;
  if (initContainers.length) spec.initContainers = initContainers;
  let patch: unknown = spec;
  for (const k of podSpecPath(t).reverse()) patch = { [k]: patch };
  return patch;
}

/** `kubectl set image`: `images` maps container name → image; each target changes the containers it has. */
export function setImage(
  ctx: ActionContext,
  targets: readonly Target[],
  images: Record<string, string>,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, 'set image', targets, opts, async (t, signal) => {
    for (const [name, image] of Object.entries(images)) {
      if (image.trim() === '' || /\s/.test(image)) {
        throw new ActionError(
          `invalid image ${JSON.stringify(image)} for ${name}`,
          'Invalid',
          'an image has no spaces',
        );
      }
    }
    const current = await readContainerImages(ctx, t, signal);
    const changed = current.filter((c) => images[c.name] !== undefined && images[c.name] !== c.image);
    if (!current.some((c) => images[c.name] !== undefined)) {
      throw new ActionError(
        `no container named ${Object.keys(images).join(', ')}`,
        'NotFound',
        `containers here: ${current.map((c) => c.name).join(', ')}`,
      );
    }
    if (changed.length === 0) return 'images already set';
    await ctx.mutate.patch(t, 'strategic', imagePatch(t, current, images), { signal });
    return changed.map((c) => `${c.name}: ${c.image} → ${images[c.name]}`).join(', ');
  });
}
