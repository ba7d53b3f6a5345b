import type { KubernetesObject } from '@kubernetes/client-node';
import { invalid, type StatusCause } from './errors.js';
import type { ResourceType } from './resources.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Kinds whose names must be DNS labels rather than subdomains. */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

type Container = { name?: string; image?: string };

/** The handful of validations people hit by hand, with the real server's messages, as Invalid errors. */
export function validate(t: ResourceType, o: KubernetesObject): void {
  const causes: StatusCause[] = [];
  const name = o.metadata?.name ?? '';
  const labelNamed = LABEL_NAMED.has(t.kind) && t.group === '';
  if (labelNamed ? !LABEL.test(name) || name.length > 63 : !SUBDOMAIN.test(name) || name.length > 253) {
    causes.push({
      field: 'metadata.name',
      message: `Invalid value: "${name}": ${labelNamed ? LABEL_MSG : SUBDOMAIN_MSG}`,
    });
  }
  const spec = (o as { spec?: Record<string, unknown> }).spec;
  if (t.group === '' && t.kind === 'Pod') checkPodSpec(spec, 'spec', causes);
  if (t.group === 'apps' && spec) {
    const replicas = spec.replicas;
    if (typeof replicas === 'number' && replicas < 0) {
      causes.push({
        field: 'spec.replicas',
        message: `Invalid value: ${replicas}: must be greater than or equal to 0`,
      });
    }
    const template = spec.template as { spec?: Record<string, unknown> } | undefined;
    checkPodSpec(template?.spec, 'spec.template.spec', causes);
  }
  if (causes.length) throw invalid(t.group, t.kind, name, causes);
}

function checkPodSpec(spec: Record<string, unknown> | undefined, path: string, causes: StatusCause[]): void {
  const containers = (spec?.containers as Container[] | undefined) ?? [];
  if (containers.length === 0) {
    causes.push({ field: `${path}.containers`, reason: 'FieldValueRequired', message: 'Required value' });
  }
  containers.forEach((c, i) => {
    if (!c.name)
      causes.push({
        field: `${path}.containers[${i}].name`,
        reason: 'FieldValueRequired',
        message: 'Required value',
      });
    if (!c.image)
      causes.push({
        field: `${path}.containers[${i}].image`,
        reason: 'FieldValueRequired',
        message: 'Required value',
      });
  });
}
