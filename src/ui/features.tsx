import type { V1Pod } from '@kubernetes/client-node';
import type { Key } from 'ink';
import { useMemo, useState } from 'react';
import { pluginApplies, pluginEnv, pluginInvocation, pluginProcessEnv } from '../model/plugins.js';
import type { FeatureSet } from './App.js';
import type { Services } from './app-context.js';
import { paneEditor } from './dialogs/pane-editor.js';
import { keyName, useActionDialogs } from './dialogs/use-action-dialogs.js';
import { actionKeys, allowedActions } from './keys/action-keys.js';
import { allKeys } from './keys/index.js';
import { LogsRoute } from './logs/LogsRoute.js';
import type { Navigator, ResourceKeyHandler } from './navigator.js';
import { openLocalInPane } from './pane/open-local.js';
import { PaneLayout } from './pane/PaneLayout.js';
import { usePaneHost } from './pane/use-pane-host.js';
import { DnsPanel } from './panels/dns/DnsPanel.js';
import { useHelmFeature } from './panels/helm/use-helm-feature.js';
import { LbPanel } from './panels/lb/LbPanel.js';
import { PluginConfirm } from './plugins/PluginConfirm.js';
import { runBackground } from './plugins/run-background.js';
import { ConfigView } from './views/ConfigView.js';
import { ScreenDumpsView } from './views/ScreenDumpsView.js';

/** kdeck's features beyond the core views, wired into the app in one place. */
export function useKdeckFeatures(services: Services, nav: Navigator, bodyActive: boolean): FeatureSet {
  const pane = usePaneHost(services, nav);
  const runEditor = useMemo(() => paneEditor(pane.manager), [pane.manager]);
  const actions = useActionDialogs(services, {
    runEditor,
    namespace: nav.namespace === 'all' ? 'default' : nav.namespace,
  });
  const openObject = (target: {
    ref: NonNullable<ReturnType<Services['discovery']['resolve']>>;
    namespace?: string;
    name: string;
  }) => nav.push({ view: 'describe', target });
  const helm = useHelmFeature(services, nav, pane.manager);
  const { config, session, readOnly, flash } = services;
  const [confirm, setConfirm] = useState<{ title: string; line: string; run: () => void } | undefined>();
  const runPlugin: ResourceKeyHandler = (ev) => {
    const key = keyName(ev.input, ev.key);
    const aliases = Object.entries(config.aliases)
      .filter(
        ([, line]) => services.discovery.resolve(line.split(/\s+/)[0] ?? '')?.resource === ev.ref.resource,
      )
      .map(([a]) => a);
    const plugin = config.plugins.find((p) => p.key === key && pluginApplies(p, { ...ev.ref, aliases }));
    if (!plugin || !ev.selected) return false;
    if (plugin.dangerous && readOnly) {
      flash(`${plugin.description}: kdeck is read-only`, 'warn');
      return true;
    }
    const env = pluginEnv({
      obj: ev.selected,
      resource: ev.ref.resource,
      group: ev.ref.group,
      version: ev.ref.version,
      kind: ev.ref.kind,
      context: session.info.context,
      cluster: session.info.cluster,
      user: session.info.user,
      kubeconfig: process.env.KUBECONFIG,
      filter: ev.filter,
      columns: ev.row,
    });
    const { file, args } = pluginInvocation(plugin, env);
    const processEnv = { ...process.env, ...pluginProcessEnv(env) };
    const run = () => {
      if (!plugin.background) {
        openLocalInPane(pane.manager, `${plugin.description} ${env.NAME}`, file, args, { env: processEnv });
        return;
      }
      flash(`${plugin.description}: running in the background…`);
      void runBackground(file, args, processEnv).then((r) => {
        if (r.error) flash(`${plugin.description}: ${r.error}`, 'error');
        else if (r.code !== 0)
          flash(`${plugin.description}: exit ${r.code}${r.lastLine ? `: ${r.lastLine}` : ''}`, 'error');
        else flash(plugin.overwriteOutput && r.lastLine ? r.lastLine : `${plugin.description}: done`);
      });
    };
    if (plugin.confirm)
      setConfirm({
        title: plugin.description,
        line: [file, ...args].join(' '),
        run: () => {
          setConfirm(undefined);
          run();
        },
      });
    else run();
    return true;
  };
  const confirmOverlay = confirm ? (
    <PluginConfirm
      title={confirm.title}
      commandLine={confirm.line}
      theme={services.theme}
      onYes={confirm.run}
      onNo={() => setConfirm(undefined)}
    />
  ) : undefined;
  return {
    keys: [
      ...allKeys(),
      ...config.plugins.map((p) => ({
        key: p.key,
        scope: 'any-resource' as const,
        description: `${p.description} (plugin: ${p.command}; ${p.scopes.join(', ')})`,
        mutates: p.dangerous,
      })),
      ...config.hotkeys.map((h) => ({
        key: h.key,
        scope: 'global' as const,
        description: `${h.description} (hotkey: :${h.command})`,
      })),
    ],
    keyboardTaken: pane.focused,
    overlay: confirmOverlay ?? pane.picker ?? actions.overlay ?? helm.overlay,
    onResourceKey: (ev) => pane.handleKey(ev) || actions.handleKey(ev) || runPlugin(ev),
    helpFilter: async (ref, namespace) => {
      const allowed = new Set((await allowedActions(actions.gate, ref, namespace)).map((a) => a.binding));
      const isAction = new Set(actionKeys);
      return (k) => !isAction.has(k) || allowed.has(k);
    },
    onPanel: (panel) => {
      if (panel !== 'portforwards') return false;
      actions.openPortForwards();
      return true;
    },
    onContainerKey: (input: string, _key: Key, pod: V1Pod, container: string) => {
      if (input === 's') pane.launcher.open(pod, container, 'exec');
      else if (input === 'a') pane.launcher.open(pod, container, 'attach');
      else if (input === 'l') {
        const ref = services.discovery.resolve('pods');
        if (ref)
          nav.push({
            view: 'logs',
            target: { ref, namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '' },
            container,
          });
      }
    },
    wrapBody: (width, height, body) => (
      <PaneLayout
        manager={pane.manager}
        width={width}
        height={height}
        theme={services.theme}
        keysActive={bodyActive}
      >
        {body}
      </PaneLayout>
    ),
    renderRoute: (route, ctx) => {
      switch (route.view) {
        case 'logs':
          return (
            <LogsRoute
              target={route.target}
              container={route.container}
              width={ctx.width}
              height={ctx.height}
              onBack={nav.pop}
              onSearching={ctx.setSearching}
              isActive={ctx.active}
            />
          );
        case 'dns':
          return (
            <DnsPanel
              width={ctx.width}
              height={ctx.height}
              focused={ctx.active}
              instances={services.config.dns?.instances}
              intervalMs={services.config.dns?.intervalMs}
              onSearching={ctx.setSearching}
              onOpenObject={(src) => {
                const ref = services.discovery.resolve(src.resource ?? src.kind);
                if (ref) openObject({ ref, namespace: src.namespace, name: src.name });
              }}
            />
          );
        case 'screendumps':
          return (
            <ScreenDumpsView
              width={ctx.width}
              height={ctx.height}
              active={ctx.active}
              onSearching={ctx.setSearching}
            />
          );
        case 'config':
          return (
            <ConfigView
              width={ctx.width}
              height={ctx.height}
              active={ctx.active}
              onSearching={ctx.setSearching}
            />
          );
        case 'lb':
          return (
            <LbPanel
              width={ctx.width}
              height={ctx.height}
              active={ctx.active}
              onSearching={ctx.setSearching}
              onOpenObject={openObject}
            />
          );
        default:
          return helm.renderRoute(route, ctx);
      }
    },
  };
}
