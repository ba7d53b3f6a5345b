/** What kdeck asks the helm binary to do. */
export type HelmCommand =
  | { kind: 'rollback'; namespace: string; name: string; revision: number }
  | { kind: 'uninstall'; namespace: string; name: string };

/** helm's arguments for a command, pinned to the release's namespace and kdeck's context (as k9s runs helm). */
export function helmArgs(cmd: HelmCommand, context: string): string[] {
  const where = ['--namespace', cmd.namespace, ...(context ? ['--kube-context', context] : [])];
  if (cmd.kind === 'rollback') return ['rollback', cmd.name, String(cmd.revision), ...where];
  return ['uninstall', cmd.name, ...where];
}

/** The command line as a person would type it, for the confirmation. */
export function helmCommandLine(binary: string, args: readonly string[]): string {
  return [binary, ...args]
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
