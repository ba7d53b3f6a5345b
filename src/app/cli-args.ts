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
      --theme NAME|FILE     dark (default), light, high-contrast, or a theme file
      --demo                run on the embedded demo cluster (the default when there is no kubeconfig)
      --demo-pods N         with the demo: add N pods, to try kdeck at scale
  -h, --help                this help
      --version             print the version

Environment: KUBECONFIG, NO_COLOR, KUBE_EDITOR/EDITOR, XDG_CONFIG_HOME (config in $XDG_CONFIG_HOME/kdeck/).`;

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
      },
    });
    if (positionals.length > 0) return { ok: false, message: `unexpected argument "${positionals[0]}"` };
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
      },
    };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
