import type { ClusterState, DnsEndpointObject } from './cluster-state.js';
import { emptyOutput, refOf, runSource } from './source-common.js';
import type { EndpointType, ExternalDnsConfig, SourceOutput } from './types.js';

function generate(obj: DnsEndpointObject): SourceOutput {
  const out = emptyOutput();
  const source = refOf(obj, 'DNSEndpoint');
  const resource = `crd/${obj.metadata?.namespace}/${obj.metadata?.name}`;
  (obj.spec?.endpoints ?? []).forEach((ep, i) => {
    if (!ep?.dnsName) return;
    const fqdn = ep.dnsName.replace(/\.$/, '').toLowerCase();
    const type = (ep.recordType ?? 'A').toUpperCase();
    const targets = ep.targets ?? [];
    const nameFrom = `spec.endpoints[${i}]`;
    // external-dns refuses a trailing dot on A/AAAA/TXT targets and logs a warning; the record is skipped.
    const bad =
      type !== 'CNAME' && type !== 'TXT' && type !== 'MX' && type !== 'SRV' && type !== 'NAPTR'
        ? targets.find((t) => t.endsWith('.'))
        : undefined;
    if (bad) {
      out.held.push({
        fqdn,
        type: '?',
        status: 'Filtered',
        source,
        nameFrom,
        reason: `illegal ${type} target "${bad}" (trailing dot)`,
        explanation: `${resource} ${nameFrom} has the target "${bad}" for a ${type} record. external-dns skips it: use "${bad.slice(0, -1)}".`,
      });
      return;
    }
    if (type !== 'A' && type !== 'AAAA' && type !== 'CNAME') {
      out.held.push({
        fqdn,
        type: '?',
        status: 'Filtered',
        source,
        nameFrom,
        reason: `record type ${type}: kdeck compares A, AAAA and CNAME only`,
        explanation: `${resource} asks for a ${type} record at ${fqdn}. external-dns manages it only when ${type} is in --managed-record-types; kdeck's comparison covers A, AAAA and CNAME.`,
      });
      return;
    }
    if (targets.length === 0) {
      out.held.push({
        fqdn,
        type: type as EndpointType,
        status: 'Pending',
        source,
        nameFrom,
        reason: 'DNSEndpoint entry has no targets',
        explanation: `${resource} ${nameFrom} names ${fqdn} without targets; external-dns publishes nothing for it.`,
      });
      return;
    }
    out.endpoints.push({
      fqdn,
      type: type as EndpointType,
      targets: type === 'CNAME' ? targets.map((t) => t.replace(/\.$/, '')) : targets,
      ttl: ep.recordTTL || undefined,
      source,
      resource,
      nameFrom,
      targetsFrom: `${nameFrom}.targets`,
    });
  });
  return out;
}

export function crdSource(state: ClusterState, cfg: ExternalDnsConfig): SourceOutput {
  return runSource(state.dnsEndpoints, 'DNSEndpoint', cfg, (obj) => generate(obj));
}
