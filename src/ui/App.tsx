import type { KubeConfig } from '@kubernetes/client-node';
import { Box, Text, useInput } from 'ink';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ResourceRef } from '../kube/discovery.js';
import type { RequestLog } from '../kube/request-log.js';
import { BUILTIN_COMMANDS, parseCommand, suggest } from '../model/commands.js';
import type { Config } from '../model/config.js';
import type { ListMemory } from '../model/selection.js';
import type { Session } from '../session/session.js';
import type { StoreStats } from '../store/store.js';
import { type Services, ServicesContext } from './app-context.js';
import { Header } from './components/Header.js';
import { editPrompt, PromptLine } from './components/Prompt.js';
import { keyName } from './dialogs/use-action-dialogs.js';
import { AppClockProvider, useNow } from './hooks/use-now.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { footerHints } from './keys/footer-hints.js';
import type { KeyBinding } from './keys/key-binding.js';
import type { Navigator, ResourceKeyHandler } from './navigator.js';
import { crumb, type Route } from './router.js';
import type { Theme } from './theme.js';
import { ContainersView, type ContainersViewProps } from './views/ContainersView.js';
import { ContextsView } from './views/ContextsView.js';
import { DescribeView } from './views/DescribeView.js';
import { HelpView } from './views/HelpView.js';
import { RequestsView } from './views/RequestsView.js';
import { ResourceView } from './views/ResourceView.js';
import { YamlView } from './views/YamlView.js';

export interface AppProps {
  kc: KubeConfig;
  initialSession: Session;
  makeSession(context: string): Session;
  requestLog: RequestLog;
  config: Config;
  theme: Theme;
  readOnly: boolean;
  demo: boolean;
  initialRoute: Route;
  initialNamespace: string | 'all';
  /** Shown once at start (a broken config file, say). */
  warnings: string[];
  onExit(): void;
  /** kdeck's features beyond the core views (panels, logs, pane, actions), as one hook called on every render. */
  useFeatures?: (services: Services, nav: Navigator, bodyActive: boolean) => FeatureSet;
}

/** What the features add to the app, recomputed on every render. */
export interface FeatureSet {
  /** Every key binding, for the help screen. */
  keys: KeyBinding[];
  /** Keys a resource list does not handle itself (shell, logs, scale…). */
  onResourceKey?: ResourceKeyHandler;
  /** Keys on a container row (shell, logs, attach). */
  onContainerKey?: ContainersViewProps['onKey'];
  /** Views for routes the core does not draw (dns, lb, logs, port-forwards). */
  renderRoute?: (route: Route, ctx: ExtraViewContext) => ReactNode | undefined;
  /** Draws the body with something around it (the pane below the list). */
  wrapBody?: (width: number, height: number, body: (height: number) => ReactNode) => ReactNode;
  /** Drawn instead of the body while present (a dialog, a picker); it takes the keys. */
  overlay?: ReactNode;
  /** The keyboard belongs to something else (a focused shell): the app keeps out, ctrl-c included. */
  keyboardTaken?: boolean;
  /** Which keys the help screen shows for a kind: the actions RBAC allows there (and every other key). */
  helpFilter?: (ref: ResourceRef, namespace: string | undefined) => Promise<(k: KeyBinding) => boolean>;
  /** A `:` panel command the features open themselves (`:pf`); true when taken. */
  onPanel?: (panel: string) => boolean;
}

export interface ExtraViewContext {
  width: number;
  height: number;
  active: boolean;
  nav: Navigator;
  services: Services;
  setSearching(s: boolean): void;
}

type PromptState =
  | { kind: ':'; text: string; historyIndex: number }
  | { kind: '/'; before: string | undefined; text: string; historyIndex: number }
  | undefined;
interface Flash {
  text: string;
  level: 'info' | 'warn' | 'error';
}

const MIN_COLS = 30;
const MIN_ROWS = 8;

export function App(props: AppProps) {
  const { columns: width, rows } = useTerminalSize();
  const [session, setSession] = useState(props.initialSession);
  const nextRouteId = useRef(1);
  // Every list route gets an id once, kept through the copies a filter or namespace change makes.
  const stamp = useCallback(
    (r: Route): Route =>
      r.view === 'resources' && r.id === undefined ? { ...r, id: nextRouteId.current++ } : r,
    [],
  );
  const [routes, setRoutesState] = useState<Route[]>(() => [stamp(props.initialRoute)]);
  const setRoutes = useCallback(
    (next: Route[] | ((rs: Route[]) => Route[])) =>
      setRoutesState((rs) => (typeof next === 'function' ? next(rs) : next).map(stamp)),
    [stamp],
  );
  // The trail before the last `:` command, for `-` (k9s's last view).
  const previousTrail = useRef<Route[] | undefined>(undefined);
  const memories = useRef(new Map<number, ListMemory>());
  const memoryFor = (id: number | undefined): ListMemory | undefined => {
    if (id === undefined) return undefined;
    const m = memories.current.get(id) ?? {};
    memories.current.set(id, m);
    return m;
  };
  useEffect(() => {
    const kept = [...routes, ...(previousTrail.current ?? [])];
    const live = new Set(kept.map((r) => (r.view === 'resources' ? r.id : undefined)));
    for (const id of memories.current.keys()) if (!live.has(id)) memories.current.delete(id);
  }, [routes]);
  const [namespace, setNamespaceState] = useState<string | 'all'>(props.initialNamespace);
  const [prompt, setPromptState] = useState<PromptState>();
  // The prompt's state as of the last key, ahead of rendering: fast keys apply in order, none lost.
  const promptRef = useRef<PromptState>(undefined);
  const setPrompt = (p: PromptState) => {
    promptRef.current = p;
    setPromptState(p);
  };
  const [searching, setSearching] = useState(false);
  const [flash, setFlashState] = useState<Flash | undefined>(
    props.warnings.length ? { text: props.warnings.join('; '), level: 'warn' } : undefined,
  );
  const [history, setHistory] = useState<string[]>([]);
  const [, setTick] = useState(0);
  const [stats, setStats] = useState<StoreStats>({ watches: 0, failing: 0 });
  const flashTimer = useRef<NodeJS.Timeout | undefined>(undefined);
  const now = useNow(1000);

  const setFlash = useCallback((text: string, level: Flash['level'] = 'info') => {
    setFlashState({ text, level });
    clearTimeout(flashTimer.current);
    flashTimer.current = setTimeout(() => setFlashState(undefined), level === 'error' ? 10_000 : 5000);
  }, []);

  useEffect(() => {
    void session.connect();
    const offSession = session.onChange(() => setTick((t) => t + 1));
    const offStats = session.store.onStats(() => setStats(session.store.stats()));
    setStats(session.store.stats());
    return () => {
      offSession();
      offStats();
    };
  }, [session]);

  const top = routes[routes.length - 1]!;
  const services = useMemo<Services>(
    () => ({
      session,
      client: session.client,
      store: session.store,
      discovery: session.discovery,
      requestLog: props.requestLog,
      config: props.config,
      theme: props.theme,
      readOnly: props.readOnly,
      flash: setFlash,
    }),
    [session, props.requestLog, props.config, props.theme, props.readOnly, setFlash],
  );

  const [recent, setRecent] = useState<string[]>(
    props.initialNamespace === 'all' ? [] : [props.initialNamespace],
  );
  const setNamespace = useCallback(
    (ns: string | 'all') => {
      setNamespaceState(ns);
      if (ns !== 'all') setRecent((r) => [ns, ...r.filter((x) => x !== ns)].slice(0, 9));
      // A namespace change applies to the current list: drop an explicit namespace on it.
      setRoutes((rs) =>
        rs.map((r, i) =>
          i === rs.length - 1 && r.view === 'resources' && !r.title ? { ...r, namespaces: undefined } : r,
        ),
      );
    },
    [setRoutes],
  );

  const nav = useMemo<Navigator>(
    () => ({
      push: (route) => {
        setFlashState(undefined);
        setRoutes((rs) => [...rs, route]);
      },
      pop: () => {
        setFlashState(undefined);
        setRoutes((rs) => (rs.length > 1 ? rs.slice(0, -1) : rs));
      },
      namespace,
      setNamespace,
      favourites: [...new Set([...props.config.favoriteNamespaces, ...recent])].slice(0, 9),
    }),
    [namespace, setNamespace, props.config.favoriteNamespaces, recent, setRoutes],
  );

  const switchContext = useCallback(
    (context: string) => {
      if (!props.kc.getContextObject(context)) {
        setFlash(`no context named "${context}"`, 'error');
        return false;
      }
      const next = props.makeSession(context);
      session.dispose();
      setSession(next);
      const ctxNs = props.kc.getContextObject(context)?.namespace || 'default';
      setNamespaceState(ctxNs);
      setRoutes([{ view: 'resources', resource: 'pods' }]);
      setFlash(`switched to context ${context}`);
      return true;
    },
    [props, session, setFlash, setRoutes],
  );

  /** keepHistory (a k9s hotkey's): a kind command goes onto the breadcrumbs instead of starting them anew. */
  const runCommand = (line: string, keepHistory = false) => {
    if (line.trim() === '') return;
    // Moving on: the last message belonged to the view being left.
    clearTimeout(flashTimer.current);
    setFlashState(undefined);
    setHistory((h) => [...h.filter((x) => x !== line), line].slice(-50));
    const cmd = parseCommand(line, {
      // Until discovery is in (it waits for the first list) any name goes; the view then waits for it too.
      isResource: (n) =>
        !session.discovery.loaded || session.discovery.resolve(n) !== undefined || n === 'containers',
      aliases: props.config.aliases,
      names: session.discovery.names(),
    });
    switch (cmd.kind) {
      case 'quit':
        props.onExit();
        return;
      case 'help':
        nav.push({ view: 'help' });
        return;
      case 'contexts':
        if (cmd.switchTo) switchContext(cmd.switchTo);
        else nav.push({ view: 'contexts' });
        return;
      case 'namespace':
        setNamespace(cmd.set === 'all' || cmd.set === '-A' ? 'all' : (cmd.set ?? namespace));
        return;
      case 'panel':
        if (feats.onPanel?.(cmd.panel)) return;
        nav.push({ view: cmd.panel });
        return;
      case 'error':
        setFlash(cmd.message, 'error');
        return;
      case 'helm':
        setRoutes([{ view: 'helm', namespaces: cmd.namespaces }]);
        if (cmd.namespaces === 'all') setNamespaceState('all');
        else if (cmd.namespaces?.length === 1) setNamespaceState(cmd.namespaces[0]!);
        return;
      case 'resource':
        if (cmd.context && cmd.context !== session.info.context && !switchContext(cmd.context)) return;
        // Like k9s, a kind command starts a new breadcrumb trail.
        previousTrail.current = routes;
        setRoutes((rs) => [
          ...(keepHistory ? rs : []),
          {
            view: 'resources',
            resource: cmd.name,
            namespaces: cmd.namespaces,
            labelSelector: cmd.labelSelector,
            filter: cmd.filter,
          },
        ]);
        if (cmd.namespaces && cmd.namespaces !== 'all' && cmd.namespaces.length === 1)
          setNamespaceState(cmd.namespaces[0]!);
        if (cmd.namespaces === 'all') setNamespaceState('all');
        return;
    }
  };

  const setTopFilter = (filter: string | undefined) =>
    setRoutes((rs) =>
      rs.map((r, i) => (i === rs.length - 1 && r.view === 'resources' ? { ...r, filter } : r)),
    );

  const { headless, crumbsless } = props.config.ui;
  const body = { width, height: Math.max(1, rows - 6 + (headless ? 3 : 0) + (crumbsless ? 1 : 0)) };
  const [overlayOpen, setOverlayOpen] = useState(false);
  const [keyboardTaken, setKeyboardTaken] = useState(false);
  // Views keep the keys while they search (their own prompt); the app's global keys stand aside then.
  const bodyActive = !prompt && !overlayOpen && !keyboardTaken;
  const feats: FeatureSet = props.useFeatures?.(services, nav, bodyActive) ?? { keys: [] };
  const overlay = feats.overlay ?? undefined;
  useEffect(() => setOverlayOpen(overlay !== undefined && overlay !== null), [overlay]);
  useEffect(() => setKeyboardTaken(feats.keyboardTaken === true), [feats.keyboardTaken]);

  const commandSuggestions = (t: string) =>
    t.includes(' ')
      ? []
      : suggest(t, [...BUILTIN_COMMANDS, ...Object.keys(props.config.aliases), ...session.discovery.names()]);

  useInput(
    (input, key) => {
      if (feats.keyboardTaken) return;
      if (key.ctrl && input === 'c') return props.onExit();
      const p = promptRef.current;
      if (p) {
        const edit = editPrompt(
          p,
          input,
          key,
          p.kind === ':' ? commandSuggestions(p.text) : [],
          p.kind === ':' ? history : [],
        );
        if (edit.kind === 'edit') {
          setPrompt({ ...p, ...edit.state });
          if (p.kind === '/') setTopFilter(edit.state.text || undefined);
        } else if (edit.kind === 'submit') {
          setPrompt(undefined);
          if (p.kind === ':') runCommand(edit.text);
          else setTopFilter(edit.text || undefined);
        } else if (edit.kind === 'cancel') {
          setPrompt(undefined);
          if (p.kind === '/') setTopFilter(p.before);
        }
        return;
      }
      if (searching || overlay) return;
      const hotkey =
        top.view === 'resources' && props.config.hotkeys.find((h) => h.key === keyName(input, key));
      if (hotkey) return runCommand(hotkey.command, hotkey.keepHistory);
      // Keys typed fast (or pasted) arrive together: what follows ':' or '/' goes to the prompt.
      if (input.startsWith(':') || (input.startsWith('/') && top.view === 'resources')) {
        const kind = input[0] as ':' | '/';
        const current = top.view === 'resources' ? top.filter : undefined;
        const opened: PromptState =
          kind === ':'
            ? { kind, text: '', historyIndex: history.length }
            : { kind, before: current, text: current ?? '', historyIndex: 0 };
        setPrompt(opened);
        const rest = input.slice(1);
        if (rest) {
          const edit = editPrompt(opened, rest, { ...key, return: false }, [], []);
          if (edit.kind === 'edit') {
            setPrompt({ ...opened, ...edit.state });
            if (kind === '/') setTopFilter(edit.state.text || undefined);
          } else if (edit.kind === 'submit') {
            setPrompt(undefined);
            if (kind === ':') runCommand(edit.text);
            else setTopFilter(edit.text);
          }
        }
        return;
      }
      if (input === '?') {
        if (top.view === 'help') return;
        const ref = top.view === 'resources' ? session.discovery.resolve(top.resource) : undefined;
        return nav.push({
          view: 'help',
          from: ref ? { ref, namespace: namespace === 'all' ? undefined : namespace } : undefined,
        });
      }
      if (input === '-' && !key.ctrl && top.view === 'resources') {
        const back = previousTrail.current;
        if (!back)
          return setFlash('-: no previous view yet (it is the one before the last : command)', 'warn');
        previousTrail.current = routes;
        return setRoutes(back);
      }
      if (key.escape) {
        if (top.view === 'resources' && top.filter) return setTopFilter(undefined);
        return nav.pop();
      }
    },
    { isActive: true },
  );

  if (width < MIN_COLS || rows < MIN_ROWS) {
    return (
      <Box width={width} height={Math.max(1, rows - 1)}>
        <Text wrap="wrap">{`kdeck needs ${MIN_COLS}x${MIN_ROWS}; this terminal is ${width}x${rows}`}</Text>
      </Box>
    );
  }

  const viewFor = (route: Route, height: number): ReactNode => {
    const common = { width: body.width, height, active: bodyActive };
    switch (route.view) {
      case 'resources': {
        // Well-known kinds list at once, beside discovery; the rest wait for it, and a failure shows why.
        const ref = session.discovery.loaded
          ? session.discovery.resolve(route.resource)
          : session.state.kind === 'failed'
            ? undefined
            : session.discovery.resolveEarly(route.resource);
        if (!ref && !session.discovery.loaded)
          return <Text color={props.theme.dim}>{connectingText(session)}</Text>;
        if (!ref)
          return (
            <Text
              color={props.theme.error}
            >{`no resource named "${route.resource}" on this server (try :crds)`}</Text>
          );
        return (
          <ResourceView
            key={`${session.info.context}:${routes.length}:${route.resource}:${route.id}`}
            route={route}
            memory={memoryFor(route.id)}
            resource={ref}
            nav={nav}
            onKey={feats.onResourceKey}
            {...common}
          />
        );
      }
      case 'describe':
        return <DescribeView target={route.target} onSearching={setSearching} {...common} />;
      case 'yaml':
        return <YamlView target={route.target} onSearching={setSearching} {...common} />;
      case 'help':
        return (
          <HelpView
            keys={feats.keys}
            allowMutations={!props.readOnly}
            from={route.from}
            filter={feats.helpFilter}
            onSearching={setSearching}
            {...common}
          />
        );
      case 'contexts':
        return (
          <ContextsView kc={props.kc} current={session.info.context} onSwitch={switchContext} {...common} />
        );
      case 'requests':
        return <RequestsView {...common} />;
      case 'containers':
        return <ContainersView pod={route.pod} onKey={feats.onContainerKey} {...common} />;
      default:
        return (
          feats.renderRoute?.(route, { ...common, nav, services, setSearching }) ?? (
            <Text color={props.theme.dim}>{`${route.view} is not available in this build`}</Text>
          )
        );
    }
  };

  const crumbs = routes.map((r, i) => (
    <Text
      key={i}
      color={i === routes.length - 1 ? props.theme.selectionFg : props.theme.dim}
      backgroundColor={i === routes.length - 1 ? props.theme.title || undefined : undefined}
    >
      {` ${crumb(r)} `}
    </Text>
  ));

  return (
    <ServicesContext.Provider value={services}>
      <AppClockProvider value={now}>
        <Box flexDirection="column" width={width} height={rows - 1}>
          {headless ? null : (
            <Header
              info={session.info}
              state={session.state}
              namespace={
                top.view === 'resources' && top.namespaces
                  ? top.namespaces === 'all'
                    ? 'all'
                    : top.namespaces.join(',')
                  : namespace
              }
              favourites={nav.favourites}
              stats={stats}
              demo={props.demo}
              readOnly={props.readOnly}
              width={width}
              theme={props.theme}
              now={now}
            />
          )}
          {crumbsless ? null : (
            <Box height={1}>
              <Text wrap="truncate">{crumbs}</Text>
            </Box>
          )}
          <Box height={body.height} flexDirection="column">
            {overlay ??
              (feats.wrapBody
                ? feats.wrapBody(body.width, body.height, (h: number) => viewFor(top, h))
                : viewFor(top, body.height))}
          </Box>
          <Box height={1}>
            {prompt ? (
              <PromptLine
                prefix={prompt.kind}
                text={prompt.text}
                suggestions={prompt.kind === ':' ? commandSuggestions(prompt.text) : []}
                theme={props.theme}
              />
            ) : flash ? (
              <Text
                wrap="truncate"
                color={
                  flash.level === 'error'
                    ? props.theme.error
                    : flash.level === 'warn'
                      ? props.theme.warn
                      : props.theme.health.ok
                }
              >
                {` ${flash.text}`}
              </Text>
            ) : (
              <Text wrap="truncate" color={props.theme.dim}>
                {footerHints(top.view, width)}
              </Text>
            )}
          </Box>
        </Box>
      </AppClockProvider>
    </ServicesContext.Provider>
  );
}

function connectingText(session: Session): string {
  const s = session.state;
  if (s.kind === 'failed')
    return ` Cannot connect: ${s.message}${/[.?!]$/.test(s.message) ? '' : '.'} Retrying in ${Math.max(0, Math.ceil((s.retryAt - Date.now()) / 1000))}s. (:ctx to pick another context, ctrl-c to quit)`;
  return ` Connecting to ${session.info.server} (context ${session.info.context})…`;
}
