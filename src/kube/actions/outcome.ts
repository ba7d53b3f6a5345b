import { KubeError } from '../kube-error.js';
import { describeTarget, type Target } from './target.js';

/** Why an action did not happen, in words the UI shows as they are. */
export interface ActionFailure {
  /** The object, e.g. `deployment default/test`. */
  object: string;
  /** What failed, e.g. `scale to 3: the server refused`. */
  message: string;
  /** What to do about it. */
  hint: string;
  /** ReadOnly, Forbidden, NotFound, Conflict, Invalid, Aborted, Unreachable, … */
  reason: string;
}

/** What an action did across its targets. */
export interface ActionOutcome {
  action: string;
  /** Objects it changed, with a short note each (`scaled 1 → 3`). */
  done: { object: string; note: string }[];
  failures: ActionFailure[];
  cancelled: boolean;
}

export interface Progress {
  done: number;
  total: number;
  /** What is happening now, e.g. `evicting pod default/web-0 (PDB allows no disruption, retrying)`. */
  message?: string;
  bytes?: number;
  totalBytes?: number;
}

export interface ActionOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** Thrown by the gate and by actions; carries what the UI needs to explain itself. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

/** Turns anything thrown into a failure the UI can show, with a hint fitting the cause. */
export function toFailure(object: string, what: string, err: unknown): ActionFailure {
  if (err instanceof ActionError)
    return { object, message: `${what}: ${err.message}`, hint: err.hint, reason: err.reason };
  if (err instanceof KubeError) {
    return {
      object,
      message: `${what}: ${err.message}`,
      hint: hintFor(err),
      reason: err.status === 0 && err.reason !== 'Aborted' ? 'Unreachable' : err.reason,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { object, message: `${what}: ${message}`, hint: 'see the message', reason: 'Error' };
}

function hintFor(err: KubeError): string {
  if (err.reason === 'Aborted') return 'cancelled by you';
  if (err.status === 0) return 'check the connection to the cluster and retry';
  switch (err.status) {
    case 401:
      return 'your credentials were refused; refresh them (kubeconfig) and retry';
    case 403:
      return 'RBAC does not allow this; ask a cluster admin for the permission';
    case 404:
      return 'the object no longer exists; the table drops it when the watch catches up';
    case 409:
      return 'the object changed meanwhile; retry on the fresh version';
    case 422:
    case 400:
      return 'the server rejected the change as invalid; fix the value and retry';
    case 429:
      return 'the server asks to wait (rate limit or disruption budget); retry later';
    default:
      return err.status >= 500 ? 'the API server failed; retry, or check its logs' : 'see the message';
  }
}

/** Runs `fn` over every target one after another, collecting failures instead of stopping at the first. */
export async function forEachTarget(
  action: string,
  targets: readonly Target[],
  opts: ActionOptions,
  fn: (t: Target, signal: AbortSignal | undefined) => Promise<string>,
): Promise<ActionOutcome> {
  const outcome: ActionOutcome = { action, done: [], failures: [], cancelled: false };
  let i = 0;
  for (const t of targets) {
    const object = describeTarget(t);
    if (opts.signal?.aborted) {
      outcome.cancelled = true;
      break;
    }
    opts.onProgress?.({ done: i, total: targets.length, message: `${action} ${object}` });
    try {
      outcome.done.push({ object, note: await fn(t, opts.signal) });
    } catch (err) {
      if (opts.signal?.aborted) {
        outcome.cancelled = true;
        break;
      }
      outcome.failures.push(toFailure(object, action, err));
    }
    i++;
  }
  opts.onProgress?.({ done: i, total: targets.length });
  return outcome;
}

/** Throws the standard cancellation error when the signal fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ActionError('cancelled', 'Aborted', 'cancelled by you');
}

/** Waits `ms`, or less when the signal fires (then throws). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ActionError('cancelled', 'Aborted', 'cancelled by you'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ActionError('cancelled', 'Aborted', 'cancelled by you'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The gate's read-only refusal, for an action asked to run in a read-only session. */
export function readOnlyFailure(object: string, action: string): ActionFailure {
  return {
    object,
    message: `${action}: kdeck is read-only`,
    hint: 'restart kdeck without --readonly (and readOnly: false in the config) to change the cluster',
    reason: 'ReadOnly',
  };
}
