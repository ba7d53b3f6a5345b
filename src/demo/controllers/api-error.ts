import type { DemoApiError } from '../controller.js';

/** Whether a thrown value is a DemoApiError, optionally with the given reason. */
export function isApiError(e: unknown, reason?: DemoApiError['reason']): e is DemoApiError {
  if (typeof e !== 'object' || e === null) return false;
  const r = (e as Partial<DemoApiError>).reason;
  return (
    typeof r === 'string' &&
    typeof (e as Partial<DemoApiError>).code === 'number' &&
    (!reason || r === reason)
  );
}

/** Runs a write and ignores NotFound/AlreadyExists, for writes that race with other loops or people. */
export function ignoreRace<T>(write: () => T): T | undefined {
  try {
    return write();
  } catch (e) {
    if (isApiError(e, 'NotFound') || isApiError(e, 'AlreadyExists')) return undefined;
    throw e;
  }
}
