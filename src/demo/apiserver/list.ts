import type { KubernetesObject } from '@kubernetes/client-node';
import type { GroupVersionResource } from '../controller.js';
import { badRequest, expired } from './errors.js';
import type { ObjectStore } from './store.js';

export interface ListQuery {
  namespace?: string;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  match: (o: KubernetesObject) => boolean;
  /** Whether a selector narrows the list (the real server then omits remainingItemCount). */
  selective: boolean;
}

export interface ListResult {
  items: KubernetesObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string')
      throw new Error('shape');
    return t;
  } catch {
    throw badRequest(`invalid continue token: ${token}`);
  }
}

/** First index in sorted keys whose key is > after (or >= from). */
function lowerBound(keys: string[], target: string, strict: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < target || (strict && keys[mid] === target)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A list page consistent at one resourceVersion: continue tokens carry the rv of the first page, and
 * later pages are rebuilt at that rv from the change history (410 Expired once it has been dropped).
 */
export function listPage(store: ObjectStore, gvr: GroupVersionResource, q: ListQuery): ListResult {
  let atRv = store.resourceVersion;
  let after: string | undefined;
  let exact = false;
  if (q.continueToken) {
    const t = decodeContinue(q.continueToken);
    atRv = t.rv;
    after = t.start;
    exact = true;
  } else if (q.resourceVersionMatch === 'Exact' && q.resourceVersion) {
    atRv = Number(q.resourceVersion);
    if (!Number.isInteger(atRv)) throw badRequest(`invalid resource version: ${q.resourceVersion}`);
    exact = true;
  }
  const history = store.history(gvr);
  if (exact && !history.covers(atRv)) {
    throw expired(
      q.continueToken ? EXPIRED_CONTINUE : `The resourceVersion for the provided list is too old.`,
    );
  }
  const collection = store.collection(gvr);
  let keys = store.sortedKeys(gvr);
  const overrides = new Map<string, KubernetesObject | undefined>();
  if (exact) {
    for (const ev of history.since(atRv).reverse())
      overrides.set(ev.key, ev.type === 'ADDED' ? undefined : ev.prev);
    if (overrides.size) keys = [...new Set([...keys, ...overrides.keys()])].sort();
  }
  const prefix = q.namespace ? `${q.namespace}/` : '';
  let i = after !== undefined ? lowerBound(keys, after, true) : prefix ? lowerBound(keys, prefix, false) : 0;
  const items: KubernetesObject[] = [];
  const limit = q.limit && q.limit > 0 ? q.limit : Number.POSITIVE_INFINITY;
  let last: string | undefined;
  for (; i < keys.length && items.length < limit; i++) {
    const k = keys[i];
    if (prefix && !k.startsWith(prefix)) break;
    const o = overrides.has(k) ? overrides.get(k) : collection.items.get(k);
    if (!o || !q.match(o)) continue;
    items.push(o);
    last = k;
  }
  const result: ListResult = { items, resourceVersion: String(atRv) };
  if (items.length >= limit && last !== undefined) {
    let remaining = 0;
    let more = false;
    for (let j = i; j < keys.length; j++) {
      const k = keys[j];
      if (prefix && !k.startsWith(prefix)) break;
      const o = overrides.has(k) ? overrides.get(k) : collection.items.get(k);
      if (!o) continue;
      if (q.selective) {
        if (q.match(o)) {
          more = true;
          break;
        }
      } else {
        more = true;
        remaining++;
      }
    }
    if (more) {
      result.continueToken = encodeContinue(atRv, last);
      if (!q.selective) result.remainingItemCount = remaining;
    }
  }
  return result;
}
