const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** A resource.Quantity string (`100m`, `200Mi`, `1.5Gi`, `1e3`) as a plain number of base units; undefined if it is not one. */
export function parseQuantity(s: string): number | undefined {
  const m = QUANTITY.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  return n * SUFFIX[m[3] ?? '']!;
}

/** A quantity held exactly, in billionths of the unit, with the notation it was written in. */
export interface ExactQuantity {
  nano: bigint;
  format: 'BinarySI' | 'DecimalSI';
}

const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL: [number, string][] = [
  [18, 'E'],
  [15, 'P'],
  [12, 'T'],
  [9, 'G'],
  [6, 'M'],
  [3, 'k'],
  [0, ''],
  [-3, 'm'],
  [-6, 'u'],
  [-9, 'n'],
];

/** Parses a quantity exactly (BigInt nano units), as resource.Quantity keeps it; undefined if it is not one. */
export function parseExactQuantity(s: string): ExactQuantity | undefined {
  const m = QUANTITY.exec(s.trim());
  if (!m) return undefined;
  const [whole = '', frac = ''] = m[1]!.replace(/^\+/, '').split('.');
  const negative = whole.startsWith('-');
  const digits = BigInt((whole.replace('-', '') || '0') + frac);
  let num = digits * 10n ** 9n;
  let den = 10n ** BigInt(frac.length);
  let format: ExactQuantity['format'] = 'DecimalSI';
  if (m[2]) {
    const e = Number(m[2].slice(1));
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  } else if (m[3]?.endsWith('i')) {
    num *= 1024n ** BigInt(BINARY.indexOf(m[3]));
    format = 'BinarySI';
  } else {
    const e = DECIMAL.find(([, suffix]) => suffix === (m[3] ?? ''))![0];
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  // resource.Quantity rounds up to its nano precision.
  const nano = (num + den - 1n) / den;
  return { nano: negative ? -nano : nano, format };
}

/** Quantity.String(): the canonical form, e.g. 1500m, 2, 300Mi, 1Gi, 128974848. */
export function formatExactQuantity(q: ExactQuantity): string {
  const neg = q.nano < 0n;
  const abs = neg ? -q.nano : q.nano;
  const sign = neg ? '-' : '';
  if (abs === 0n) return '0';
  const whole = abs % 10n ** 9n === 0n ? abs / 10n ** 9n : undefined;
  if (q.format === 'BinarySI' && whole !== undefined && whole >= 1024n) {
    let v = whole;
    let k = 0;
    while (k < BINARY.length - 1 && v % 1024n === 0n) {
      v /= 1024n;
      k++;
    }
    return `${sign}${v}${BINARY[k]}`;
  }
  for (const [e, suffix] of DECIMAL) {
    const unit = 10n ** BigInt(e + 9);
    if (abs % unit === 0n) return `${sign}${abs / unit}${suffix}`;
  }
  return `${sign}${abs}n`;
}
