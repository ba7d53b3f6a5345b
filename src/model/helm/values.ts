type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The computed values `helm get values --all` prints: the chart's defaults under the user-supplied ones, a port of
 * chartutil.CoalesceValues for a stored release (whose chart carries no subcharts). A user `null` removes a default.
 */
export function coalesceValues(
  chartValues: Table | null | undefined,
  config: Table | null | undefined,
): Table {
  const dest: Table = structuredClone(config ?? {});
  const defaults: Table = structuredClone(chartValues ?? {});
  for (const [key, val] of Object.entries(defaults)) {
    if (key in dest) {
      const value = dest[key];
      if (value === null) delete dest[key];
      else if (isTable(value) && isTable(val)) coalesceTables(value, val);
    } else {
      dest[key] = val;
    }
  }
  return dest;
}

// chartutil.coalesceTablesFullKey with merge=false: dst (user) wins over src (chart).
function coalesceTables(dst: Table, src: Table): void {
  const srcNonNil = new Set(Object.keys(src).filter((k) => src[k] !== null));
  for (const [k, v] of Object.entries(dst)) if (v === null) src[k] = null;
  for (const [k, val] of Object.entries(src)) {
    const has = k in dst;
    const dv = dst[k];
    if (has && dv === null && srcNonNil.has(k)) delete dst[k];
    else if (!has) dst[k] = val;
    else if (isTable(val) && isTable(dv)) coalesceTables(dv, val);
  }
}

const SECRET_KEY = /(password|passwd|secret|token|apikey|api_key|api-key|credential|private[-_]?key|auth)/i;

export const VALUE_MASK = '********';

/**
 * Values with every scalar under a key that looks like a secret (password, token, …) masked, as kdeck masks Secrets
 * until asked; maps and lists under such keys are masked leaf by leaf.
 */
export function maskSecretValues(values: unknown, under = false): unknown {
  if (Array.isArray(values)) return values.map((v) => maskSecretValues(v, under));
  if (isTable(values)) {
    const out: Table = {};
    for (const [k, v] of Object.entries(values)) out[k] = maskSecretValues(v, under || SECRET_KEY.test(k));
    return out;
  }
  if (under && values !== null && values !== '') return VALUE_MASK;
  return values;
}

/** True when masking would hide something: the view offers `x` only then. */
export function hasSecretValues(values: unknown): boolean {
  return JSON.stringify(maskSecretValues(values)) !== JSON.stringify(values);
}
