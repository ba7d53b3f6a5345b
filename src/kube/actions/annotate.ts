import type { ActionContext } from './gate.js';
import { editMetadata, type MetadataEdits } from './label.js';
import type { ActionOptions, ActionOutcome } from './outcome.js';
import type { Target } from './target.js';

/** `kubectl annotate --overwrite`; parse the input with `parseMetadataEdits(text, 'annotation')`. */
export function annotate(
  ctx: ActionContext,
  targets: readonly Target[],
  edits: MetadataEdits,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return editMetadata(ctx, targets, 'annotations', edits, opts);
}
