import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { KubeConfig } from '@kubernetes/client-node';
import { contextNamespace, loadKubeconfig, withContext } from '../kube/kubeconfig.js';
import { RequestLog } from '../kube/request-log.js';
import { parseCommand } from '../model/commands.js';
import { Session } from '../session/session.js';
import { TerminalGuard } from '../term/terminal-guard.js';
import type { Mounted } from '../ui/mount.js';
import { type Route, resourceQuery } from '../ui/router.js';
import { loadTheme, monochrome, type Theme, withColours } from '../ui/theme.js';
import { packageRoot } from '../util/package-root.js';
import { type CliOptions, parseCli, USAGE } from './cli-args.js';
import { type SetupConfig, setupConfig } from './setup-config.js';

/**
 * V8's default heap growth lets the first big list in with few full GCs (10k pods on a real API server:
 * first table in 1.32 s instead of 1.56 s with growth capped from the start); then growth by 30% and one full
 * GC bring the heap down to ~1.3x what is live, where it stays (peak RSS 207 MB; left at V8's default growth
 * it drifts past 300 MB, and a cap without that GC only takes effect at the next full GC, far above).
 */
function tightenHeap(): void {
  try {
    setFlagsFromString('--heap-growing-percent=30');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // After the table's first frame, not in its way.
    setTimeout(gc, 300).unref();
  } catch {
    // A Node without these flags keeps V8's default growth: more memory, nothing worse.
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The route `-c` asks for; resource names are checked once discovery has loaded. */
function initialRoute(command: string | undefined, aliases: Record<string, string>): Route {
  if (!command) return { view: 'resources', resource: 'pods' };
  const cmd = parseCommand(command, { isResource: () => true, aliases, names: [] });
  switch (cmd.kind) {
    case 'panel':
      return { view: cmd.panel };
    case 'contexts':
      return { view: 'contexts' };
    case 'help':
      return { view: 'help' };
    case 'resource':
      return {
        view: 'resources',
        resource: cmd.name,
        namespaces: cmd.namespaces,
        labelSelector: cmd.labelSelector,
      };
    default:
      return { view: 'resources', resource: 'pods' };
  }
}

/** Shows why the kubeconfig cannot be used until it can (true) or the user quits (false). */
async function waitForKubeconfig(
  message: string,
  retry: () => string | undefined,
  theme: Theme,
): Promise<boolean> {
  if (!process.stdout.isTTY) {
    process.stderr.write(`kdeck: ${message}\n`);
    return false;
  }
  const { mountStartupError } = await import('../ui/mount.js');
  const guard = new TerminalGuard(process.stdout, process.stdin);
  guard.enter();
  let resolve: (ok: boolean) => void = () => undefined;
  const done = new Promise<boolean>((r) => {
    resolve = r;
  });
  const ui = mountStartupError({
    initial: message,
    retry,
    theme,
    onFixed: () => resolve(true),
    onQuit: () => resolve(false),
  });
  const ok = await done;
  ui.unmount();
  guard.restore();
  if (!ok) process.stderr.write(`kdeck: ${message}\n`);
  return ok;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'cp') {
    const { runCp } = await import('./cli-cp.js');
    return runCp(argv.slice(1));
  }
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    // The whole usage no longer fits a terminal: the message would scroll away above it.
    process.stderr.write(`kdeck: ${parsed.message}\n\nUsage: kdeck [flags]; kdeck --help lists them.\n`);
    return 2;
  }
  const opts = parsed.options;
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (opts.version) {
    process.stdout.write(`kdeck ${version()}\n`);
    return 0;
  }
  const env = process.env;
  if (opts.importK9s) return importK9s(opts, env);
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('kdeck: needs a terminal (stdin and stdout must be a TTY)\n');
    return 2;
  }

  let setup = setupConfig(opts, env);
  let { config } = setup;
  const warnings: string[] = [...setup.warnings];
  const pickTheme = (s: SetupConfig): Theme | undefined => {
    let t: Theme;
    try {
      t = loadTheme(opts.theme ?? s.config.theme ?? s.k9s?.builtinSkin ?? 'dark');
    } catch (err) {
      if (opts.theme) throw err;
      warnings.push(`${err instanceof Error ? err.message : String(err)}; using the dark theme`);
      t = loadTheme('dark');
    }
    // A k9s skin colours kdeck only when neither --theme nor kdeck's config chose a theme.
    if (!opts.theme && !s.config.theme && s.k9s?.skin)
      t = withColours(t, s.k9s.skin.colours, `k9s skin ${s.k9s.skin.name}`);
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') t = monochrome(t);
    return t;
  };
  let theme: Theme;
  try {
    theme = pickTheme(setup) ?? loadTheme('dark');
  } catch (err) {
    process.stderr.write(`kdeck: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }

  let demo = opts.demo;
  let kc = undefined as ReturnType<typeof loadKubeconfig> | undefined;
  if (!demo) {
    const load = () => loadKubeconfig({ file: opts.kubeconfig, context: opts.context, env });
    kc = load();
    if (kc.kind === 'invalid') {
      // A broken kubeconfig gets a clear screen that waits for the fix, not an exit.
      const fixed = await waitForKubeconfig(
        kc.message,
        () => {
          const again = load();
          return again.kind === 'invalid' ? again.message : undefined;
        },
        theme,
      );
      if (!fixed) return 1;
      kc = load();
    }
    if (kc.kind === 'none') demo = true;
  }

  let stopDemo: (() => Promise<void>) | undefined;
  let kubeconfig: KubeConfig;
  if (demo) {
    const { startDemo } = await import('../demo/launch.js');
    const cluster = await startDemo({ extraPods: opts.demoPods });
    stopDemo = cluster.stop;
    const loaded = loadKubeconfig({ file: cluster.kubeconfigPath, env });
    if (loaded.kind !== 'loaded') throw new Error('the demo cluster wrote an unreadable kubeconfig');
    kubeconfig = loaded.kc;
    // Plugins and editors started from kdeck reach the same cluster kdeck shows.
    process.env.KUBECONFIG = cluster.kubeconfigPath;
  } else if (kc?.kind === 'loaded') {
    kubeconfig = kc.kc;
    if (opts.kubeconfig) process.env.KUBECONFIG = opts.kubeconfig;
  } else {
    throw new Error('no kubeconfig');
  }

  // k9s's per-context files (clusters/<cluster>/<context>/) need the context: read everything again with it.
  if (!opts.noK9sConfig) {
    const context = kubeconfig.getCurrentContext();
    const cluster = kubeconfig.getContextObject(context)?.cluster ?? context;
    setup = setupConfig(opts, env, { cluster, context });
    config = setup.config;
    warnings.splice(0, warnings.length, ...setup.warnings);
    theme = pickTheme(setup) ?? theme;
  }
  const readOnly = !opts.write && (opts.readOnly || config.readOnly === true);
  const requestLog = new RequestLog();
  const makeSession = (context: string) => new Session(withContext(kubeconfig, context), requestLog);
  const session = makeSession(kubeconfig.getCurrentContext());
  const namespace = opts.allNamespaces
    ? 'all'
    : (opts.namespace ?? config.defaultNamespace ?? contextNamespace(kubeconfig));
  const route = initialRoute(opts.command ?? setup.k9s?.settings.defaultView, config.aliases);
  const early = route.view === 'resources' ? session.discovery.resolveEarly(route.resource) : undefined;
  // The first table's pages are on their way while the UI draws itself.
  const firstList =
    route.view === 'resources' && early
      ? session.prefetch(resourceQuery(route, early, namespace))
      : Promise.resolve();
  void firstList.then(tightenHeap);
  // Ink, React and the views load while those pages are on their way.
  const { mountApp } = await import('../ui/mount.js');

  const guard = new TerminalGuard(process.stdout, process.stdin);
  let exiting = false;
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => {
    resolveExit = r;
  });
  const exit = (code = 0) => {
    if (exiting) return;
    exiting = true;
    resolveExit(code);
  };
  let ui: Mounted | undefined;
  guard.install((sig) => {
    // The guard has put the terminal back: nothing more may be drawn on it.
    ui?.silence();
    exit(sig === 'SIGINT' ? 130 : 143);
  });
  guard.enter();

  ui = mountApp({
    kc: kubeconfig,
    initialSession: session,
    makeSession,
    requestLog,
    config,
    theme,
    readOnly,
    demo,
    initialRoute: route,
    initialNamespace: namespace,
    warnings,
    onExit: () => exit(0),
  });
  const code = await exited;
  ui.unmount();
  guard.restore();
  session.dispose();
  await stopDemo?.();
  return code;
}

/** `kdeck --import-k9s`: prints what the k9s setup becomes in kdeck and every entry it does not take. */
async function importK9s(opts: CliOptions, env: NodeJS.ProcessEnv): Promise<number> {
  const { importSummary } = await import('../model/k9s/import-report.js');
  const { k9sConfigDir } = await import('./load-k9s.js');
  const kc = opts.demo ? undefined : loadKubeconfig({ file: opts.kubeconfig, context: opts.context, env });
  // The demo's kubeconfig names its context and cluster kdeck-demo.
  const context = kc?.kind === 'loaded' ? kc.kc.getCurrentContext() : opts.demo ? 'kdeck-demo' : undefined;
  const cluster =
    kc?.kind === 'loaded' && context ? (kc.kc.getContextObject(context)?.cluster ?? context) : context;
  const setup = setupConfig(opts, env, context && cluster ? { cluster, context } : undefined);
  const dir = opts.noK9sConfig ? undefined : (opts.k9sConfig ?? k9sConfigDir(env));
  process.stdout.write(`${importSummary(setup.config, dir).join('\n')}\n`);
  return 0;
}
