import type { CoreV1Event, V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import { annotationsMultiline, events, labelsMultiline } from './format.js';
import { PrefixWriter } from './tab-writer.js';

/**
 * describeSecret: sizes only, never values. kubectl prints a service-account token in clear;
 * kdeck does not, since the screen may be shared or recorded (the YAML view reveals on request).
 */
export function describeSecret(secret: V1Secret): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${secret.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${secret.metadata?.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', secret.metadata?.labels);
  annotationsMultiline(w, 'Annotations', secret.metadata?.annotations);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  const data = secret.data ?? {};
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\t${Buffer.from(data[k] ?? '', 'base64').length} bytes\n`);
  }
  return w.toString();
}

/** The ConfigMap describer: each key's value under a `----` rule, binary keys by size, then events. */
export function describeConfigMap(cm: V1ConfigMap, evs: CoreV1Event[], now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${cm.metadata?.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', cm.metadata?.labels);
  annotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
  w.write(0, '\nData\n====\n');
  const data = cm.data ?? {};
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary = cm.binaryData ?? {};
  for (const k of Object.keys(binary).sort()) {
    w.write(0, `${k}: ${Buffer.from(binary[k] ?? '', 'base64').length} bytes\n`);
  }
  w.write(0, '\n');
  events(w, evs, now);
  return w.toString();
}
