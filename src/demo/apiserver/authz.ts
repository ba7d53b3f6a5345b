import { ApiError, qualified } from './errors.js';

/** What a request asks to do, as RBAC sees it. */
export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** A rule that forbids matching requests; unset fields match anything. Everything else is allowed. */
export interface DenyRule {
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export const DEMO_USER = 'demo';

export function isDenied(rules: readonly DenyRule[], a: RequestAttributes): boolean {
  return rules.some(
    (r) =>
      (r.verb === undefined || r.verb === a.verb) &&
      (r.group === undefined || r.group === a.group) &&
      (r.resource === undefined || r.resource === a.resource) &&
      (r.subresource === undefined || r.subresource === (a.subresource ?? '')) &&
      (r.namespace === undefined || r.namespace === a.namespace) &&
      (r.name === undefined || r.name === a.name),
  );
}

/** The Forbidden error with the real authorizer's wording. */
export function forbidden(a: RequestAttributes): ApiError {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const subject = a.name ? `${qualified(a.group, a.resource)} "${a.name}"` : qualified(a.group, a.resource);
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${DEMO_USER}" cannot ${a.verb} resource "${res}" in API group "${a.group}" ${scope}`,
    { name: a.name, group: a.group, kind: a.resource },
  );
}
