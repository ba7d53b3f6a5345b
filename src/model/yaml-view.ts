import type { KubernetesObject } from '@kubernetes/client-node';
import { Document, isMap, isScalar } from 'yaml';

export interface YamlViewOptions {
  /** Show Secret values decoded instead of masked. */
  revealSecrets?: boolean;
}

export const SECRET_MASK = '********';

// Dates as the API writes them (RFC 3339, fractions only when present), not JavaScript's `.000Z`.
function plain(value: unknown): unknown {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = plain(v);
    }
    return out;
  }
  return value;
}

function decodeBase64(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  const text = bytes.toString('utf8');
  // Bytes that are not UTF-8 text would print as garbage; say what they are instead.
  return Buffer.from(text, 'utf8').equals(bytes) ? text : `<binary, ${bytes.length} bytes>`;
}

/**
 * The object as `kubectl get -o yaml` prints it (sorted keys, unindented sequences), without managedFields.
 * Secret values are masked unless `revealSecrets`; then they are shown decoded, under a comment saying so.
 */
export function toYamlView(obj: KubernetesObject, opts: YamlViewOptions = {}): string {
  const value = plain(obj) as Record<string, unknown>;
  const meta = value.metadata as Record<string, unknown> | undefined;
  if (meta) delete meta.managedFields;
  const isSecret = obj.kind === 'Secret' && (obj.apiVersion ?? 'v1') === 'v1';
  if (isSecret) {
    for (const field of ['data', 'stringData']) {
      const entries = value[field] as Record<string, string> | undefined;
      if (!entries) continue;
      for (const k of Object.keys(entries)) {
        if (!opts.revealSecrets) entries[k] = SECRET_MASK;
        else if (field === 'data') entries[k] = decodeBase64(entries[k] ?? '');
      }
    }
  }
  const doc = new Document(value, { sortMapEntries: true });
  if (isSecret && opts.revealSecrets && isMap(doc.contents)) {
    const data = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'data');
    if (data && isScalar(data.key)) data.key.commentBefore = ' kdeck: values decoded from base64 for display';
  }
  return doc.toString({ indentSeq: false, lineWidth: 0 });
}

export type YamlRole = 'key' | 'string' | 'number' | 'bool' | 'null' | 'comment' | 'punct' | 'plain';

/** A run of a YAML line with one colour role; a line's segments concatenate back to the line. */
export interface YamlSegment {
  text: string;
  role: YamlRole;
}

const NUMBER =
  /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)$/;
const BOOL = /^(?:true|false|True|False|TRUE|FALSE)$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const PUNCT = /^(?:[|>][-+]?\d*|\{\}|\[\])$/;

function scalarRole(v: string): YamlRole {
  if (NULL.test(v)) return 'null';
  if (BOOL.test(v)) return 'bool';
  if (NUMBER.test(v)) return 'number';
  if (PUNCT.test(v)) return 'punct';
  return 'string';
}

// A key: plain up to `: ` (or `:` at the end), or quoted.
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"][^#]*?)(:)(?=\s|$)/;

/** Splits one line of YAML into coloured segments: keys, scalars by type, comments, and punctuation. */
export function highlightYaml(line: string): YamlSegment[] {
  const out: YamlSegment[] = [];
  const push = (text: string, role: YamlRole) => {
    if (text) out.push({ text, role });
  };
  let rest = line;
  const indent = /^\s*/.exec(rest)![0];
  push(indent, 'plain');
  rest = rest.slice(indent.length);
  if (rest.startsWith('#')) {
    push(rest, 'comment');
    return out;
  }
  for (;;) {
    const dash = /^(-|---|\.\.\.)(\s+|$)/.exec(rest);
    if (!dash) break;
    push(dash[1]!, 'punct');
    push(dash[2]!, 'plain');
    rest = rest.slice(dash[0].length);
  }
  const key = KEY.exec(rest);
  if (key) {
    push(key[1]!, 'key');
    push(key[2]!, 'punct');
    rest = rest.slice(key[0].length);
    const gap = /^\s*/.exec(rest)![0];
    push(gap, 'plain');
    rest = rest.slice(gap.length);
  }
  if (rest === '') return out;
  let comment = '';
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(rest);
  const scanFrom = quoted ? quoted[0].length : 0;
  const at = rest.startsWith('#') ? 0 : rest.slice(scanFrom).search(/\s#/);
  if (at >= 0) {
    comment = rest.slice(scanFrom + at);
    rest = rest.slice(0, scanFrom + at);
  }
  const value = rest.trimEnd();
  push(value, quoted ? 'string' : scalarRole(value));
  push(rest.slice(value.length), 'plain');
  if (comment) {
    const space = /^\s*/.exec(comment)![0];
    push(space, 'plain');
    push(comment.slice(space.length), 'comment');
  }
  return out;
}
