import { parseArgs } from 'node:util';

export interface CliOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces: boolean;
  demo: boolean;
  demoPods: number;
  readOnly: boolean;
  theme?: string;
  command?: string;
  help: boolean;
  version: boolean;
  /** k9s's files: another folder, or none at all. */
  k9sConfig?: string;
  noK9sConfig: boolean;
  /** Print what the k9s setup becomes in kdeck, and exit. */
  importK9s: boolean;
  /** k9s's --write: read-write even when a config says read-only. */
  write: boolean;
  headless: boolean;
  logoless: boolean;
  crumbsless: boolean;
  screenDumpDir?: string;
  /** k9s's --refresh, accepted so k9s command lines work; kdeck's lists follow watches. */
  refresh?: string;
}

export const USAGE = `Usage: kdeck [flags]
       kdeck cp [-c container] <src> <dst>      copy files to or from a container (like kubectl cp)

Flags:
      --kubeconfig FILE     kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)
      --context NAME        kubeconfig context to use
  -n, --namespace NS        namespace to start in
  -A, --all-namespaces      start in all namespaces
  -c, --command CMD         view to start in, as typed after ':' (e.g. "deploy", "pods kube-system", "dns")
      --readonly            refuse every change to the cluster
      --theme NAME|FILE     dark (default), light, high-contrast, dracula, nord, solarized-dark,
                            or a theme file
      --write               read-write, even when a config says readOnly (k9s's --write)
      --headless            no header (k9s's --headless)
      --logoless            accepted for k9s command lines: kdeck has no logo
      --crumbsless          no breadcrumbs (k9s's --crumbsless)
      --screen-dump-dir DIR where ctrl-s writes list dumps and saved logs
                            (default $XDG_STATE_HOME/kdeck/dumps)
      --refresh N           accepted for k9s command lines: kdeck's lists are live (watches)
      --k9s-config DIR      read k9s's files from DIR (default $K9S_CONFIG_DIR, else ~/.config/k9s)
      --no-k9s-config       ignore k9s's files
      --import-k9s          print what your k9s setup becomes in kdeck, and every unsupported entry
      --demo                run on the embedded demo cluster (the default when there is no kubeconfig)
      --demo-pods N         with the demo: add N pods, to try kdeck at scale
  -h, --help                this help
      --version             print the version

Environment: KUBECONFIG, NO_COLOR, KUBE_EDITOR/EDITOR, XDG_CONFIG_HOME (config in $XDG_CONFIG_HOME/kdeck/),
K9S_CONFIG_DIR (k9s's files: aliases, hotkeys, plugins, views, skins), XDG_STATE_HOME (dumps).`;

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

export function parseCli(argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        'all-namespaces': { type: 'boolean', short: 'A' },
        demo: { type: 'boolean' },
        'demo-pods': { type: 'string' },
        readonly: { type: 'boolean' },
        theme: { type: 'string' },
        command: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        'k9s-config': { type: 'string' },
        'no-k9s-config': { type: 'boolean' },
        'import-k9s': { type: 'boolean' },
        write: { type: 'boolean' },
        headless: { type: 'boolean' },
        logoless: { type: 'boolean' },
        crumbsless: { type: 'boolean' },
        'screen-dump-dir': { type: 'string' },
        refresh: { type: 'string' },
      },
    });
    if (positionals.length > 0) return { ok: false, message: `unexpected argument "${positionals[0]}"` };
    if (values.write && values.readonly)
      return { ok: false, message: '--write and --readonly contradict each other' };
    let demoPods = 0;
    if (values['demo-pods'] !== undefined) {
      demoPods = Number(values['demo-pods']);
      if (!Number.isInteger(demoPods) || demoPods < 0 || demoPods > 200_000) {
        return {
          ok: false,
          message: `--demo-pods wants a whole number from 0 to 200000, not "${values['demo-pods']}"`,
        };
      }
    }
    return {
      ok: true,
      options: {
        kubeconfig: values.kubeconfig,
        context: values.context,
        namespace: values.namespace,
        allNamespaces: values['all-namespaces'] ?? false,
        demo: (values.demo ?? false) || values['demo-pods'] !== undefined,
        demoPods,
        readOnly: values.readonly ?? false,
        theme: values.theme,
        command: values.command,
        help: values.help ?? false,
        version: values.version ?? false,
        k9sConfig: values['k9s-config'],
        noK9sConfig: values['no-k9s-config'] ?? false,
        importK9s: values['import-k9s'] ?? false,
        write: values.write ?? false,
        headless: values.headless ?? false,
        logoless: values.logoless ?? false,
        crumbsless: values.crumbsless ?? false,
        screenDumpDir: values['screen-dump-dir'],
        refresh: values.refresh,
      },
    };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
