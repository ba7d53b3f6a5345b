import type { V1LabelSelector } from '@kubernetes/client-node';

export type SelectorOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!exists' | '>' | '<';

/** One requirement of a label selector; `values` is sorted, as apimachinery stores it. */
export interface Requirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

/** A parsed label selector: all requirements must hold; no requirements selects everything. */
export type LabelSelector = Requirement[];

/** A selector that does not parse: the message names the problem and `position` where it is in `input`. */
export class LabelSelectorError extends Error {
  override readonly name = 'LabelSelectorError';
  constructor(
    message: string,
    readonly input: string,
    readonly position: number,
  ) {
    super(`invalid label selector "${input}": ${message} (at column ${position + 1})`);
  }
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `key prefix "${prefix}" must be a DNS subdomain`;
    }
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `key "${key}" must be 1-63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

function valueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) {
    return `value "${value}" must be at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

type Token = { kind: 'word' | 'op'; text: string; pos: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c === '=' || c === '!') {
      const two = input.slice(i, i + 2);
      const text = two === '==' || two === '!=' ? two : c;
      tokens.push({ kind: 'op', text, pos: i });
      i += text.length;
    } else if (c === '(' || c === ')' || c === ',' || c === '<' || c === '>') {
      tokens.push({ kind: 'op', text: c, pos: i });
      i++;
    } else {
      const start = i;
      while (i < input.length && !' \t\n=!(),<>'.includes(input[i]!)) i++;
      tokens.push({ kind: 'word', text: input.slice(start, i), pos: start });
    }
  }
  return tokens;
}

/** Parses a selector as `kubectl -l` takes it: `a=b,c!=d,e in (x,y),f notin (z),g,!h,n>3`. Throws LabelSelectorError. */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = tokenize(input);
  const reqs: Requirement[] = [];
  let i = 0;
  const fail = (message: string, at: number): never => {
    throw new LabelSelectorError(message, input, at);
  };
  const peek = (): Token | undefined => tokens[i];
  const word = (what: string): Token => {
    const t = tokens[i];
    if (t?.kind !== 'word') return fail(`expected ${what}`, t?.pos ?? input.length);
    i++;
    return t;
  };
  const checkKey = (t: Token): string => {
    const p = keyProblem(t.text);
    return p ? fail(p, t.pos) : t.text;
  };
  const checkValue = (t: Token): string => {
    const p = valueProblem(t.text);
    return p ? fail(p, t.pos) : t.text;
  };
  while (i < tokens.length) {
    const first = peek()!;
    if (first.kind === 'op' && first.text === '!') {
      i++;
      reqs.push({ key: checkKey(word('a key after "!"')), operator: '!exists', values: [] });
    } else {
      const key = checkKey(word('a key'));
      const op = peek();
      if (!op || (op.kind === 'op' && op.text === ',')) {
        reqs.push({ key, operator: 'exists', values: [] });
      } else if (op.kind === 'op' && ['=', '==', '!='].includes(op.text)) {
        i++;
        const next = peek();
        // An empty value is legal: `a=` selects labels whose value is empty.
        let value = '';
        if (next?.kind === 'word') {
          value = checkValue(next);
          i++;
        }
        reqs.push({ key, operator: op.text as SelectorOperator, values: [value] });
      } else if (op.kind === 'op' && (op.text === '<' || op.text === '>')) {
        i++;
        const v = word('an integer');
        if (!/^-?\d+$/.test(v.text)) fail(`"${v.text}" is not an integer`, v.pos);
        reqs.push({ key, operator: op.text as SelectorOperator, values: [v.text] });
      } else if (op.kind === 'word' && (op.text === 'in' || op.text === 'notin')) {
        i++;
        const open = peek();
        if (open?.text !== '(') fail(`expected "(" after ${op.text}`, open?.pos ?? input.length);
        i++;
        const values = new Set<string>();
        for (;;) {
          const t = peek();
          if (!t) return fail('missing ")"', input.length);
          if (t.kind === 'word') {
            values.add(checkValue(t));
            i++;
          } else if (t.text === ',') {
            i++;
          } else if (t.text === ')') {
            i++;
            break;
          } else {
            fail(`unexpected "${t.text}" in value list`, t.pos);
          }
        }
        if (values.size === 0) fail(`${op.text} needs at least one value`, open!.pos);
        reqs.push({ key, operator: op.text, values: [...values].sort() });
      } else {
        fail(`unexpected "${op.text}" after key "${key}"`, op.pos);
      }
    }
    const sep = peek();
    if (sep) {
      if (sep.kind !== 'op' || sep.text !== ',') fail(`expected "," but found "${sep.text}"`, sep.pos);
      i++;
      if (!peek()) fail('trailing ","', sep.pos);
    }
  }
  return reqs.sort(byKey);
}

function byKey(a: Requirement, b: Requirement): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Whether `labels` satisfy every requirement of `selector`. */
export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const r of selector) {
    const has = labels !== undefined && Object.hasOwn(labels, r.key);
    const value = has ? labels[r.key]! : undefined;
    switch (r.operator) {
      case '=':
      case '==':
      case 'in':
        if (value === undefined || !r.values.includes(value)) return false;
        break;
      case '!=':
      case 'notin':
        if (value !== undefined && r.values.includes(value)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
      case '>':
      case '<': {
        if (value === undefined || !/^-?\d+$/.test(value)) return false;
        const n = Number(value);
        const limit = Number(r.values[0]);
        if (r.operator === '>' ? !(n > limit) : !(n < limit)) return false;
        break;
      }
    }
  }
  return true;
}

/** A selector from a map such as a Service's spec.selector or matchLabels. */
export function selectorFromMap(map: Record<string, string> | undefined): LabelSelector {
  return Object.entries(map ?? {})
    .map(([key, v]): Requirement => ({ key, operator: '=', values: [v] }))
    .sort(byKey);
}

/** metav1.LabelSelectorAsSelector: undefined means the object selects nothing (apimachinery's Nothing selector). */
export function selectorFromLabelSelector(ls: V1LabelSelector | undefined): LabelSelector | undefined {
  if (!ls) return undefined;
  const reqs = selectorFromMap(ls.matchLabels);
  for (const e of ls.matchExpressions ?? []) {
    const op = OPERATORS[e.operator];
    if (op) reqs.push({ key: e.key, operator: op, values: [...(e.values ?? [])].sort() });
  }
  return reqs.sort(byKey);
}

const OPERATORS: Record<string, SelectorOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!exists',
};

/** The selector as apimachinery's Selector.String() prints it (kubectl's SELECTOR column). */
export function formatSelector(selector: LabelSelector): string {
  return selector
    .map((r) => {
      switch (r.operator) {
        case 'exists':
          return r.key;
        case '!exists':
          return `!${r.key}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.operator} (${r.values.join(',')})`;
        default:
          return `${r.key}${r.operator}${r.values[0] ?? ''}`;
      }
    })
    .join(',');
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(map: Record<string, string> | undefined): string {
  const keys = Object.keys(map ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${map![k]}`).join(',');
}
