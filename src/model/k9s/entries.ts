/** An entry of a config file that kdeck did not take, and why: nothing is dropped silently. */
export interface Ignored {
  /** Where in the file: `plugins.stern.inputs`, `k9s.imageScans`. */
  entry: string;
  reason: string;
}

/** What a parser made of one file: what it took (as a line a user reads) and what it left. */
export interface Parsed<T> {
  value: T;
  /** `alias pp → pods`, `plugin stern on ctrl-y (pods)`. */
  read: string[];
  ignored: Ignored[];
}

/** One file kdeck looked at, for `:config` and `--import-k9s`. */
export interface FileReport {
  file: string;
  /** Which kind of file it is: `k9s aliases.yaml`, `kdeck config.yaml`. */
  kind: string;
  read: string[];
  ignored: Ignored[];
  /** The file could not be read or parsed at all; kdeck went on without it. */
  error?: string;
}

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first line of a parser's error message (the yaml package adds a code frame). */
export function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}

/** Keys of a mapping that are not among the known ones, as ignored entries. */
export function unknownKeys(
  r: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
  reason = 'unknown key',
): Ignored[] {
  return Object.keys(r)
    .filter((k) => !known.includes(k))
    .map((k) => ({ entry: prefix ? `${prefix}.${k}` : k, reason }));
}
