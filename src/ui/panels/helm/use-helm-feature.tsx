import { type ReactNode, useState } from 'react';
import type { ReleasePart } from '../../../model/helm/content.js';
import { type HelmCommand, helmArgs, helmCommandLine } from '../../../model/helm/helm-cli.js';
import type { StoredRelease } from '../../../model/helm/release.js';
import type { ExtraViewContext } from '../../App.js';
import type { Services } from '../../app-context.js';
import type { Navigator } from '../../navigator.js';
import { openLocalInPane } from '../../pane/open-local.js';
import type { PaneManager } from '../../pane/pane-manager.js';
import type { HelmReleaseRef, Route } from '../../router.js';
import { HelmConfirm } from './HelmConfirm.js';
import { HelmDiffView } from './HelmDiffView.js';
import { HelmHistoryView } from './HelmHistoryView.js';
import { HelmObjectsView } from './HelmObjectsView.js';
import { HelmPartView } from './HelmPartView.js';
import { HelmReleasesView } from './HelmReleasesView.js';
import { findHelm } from './helm-binary.js';
import type { HelmIntent } from './helm-keys-handler.js';

interface Pending {
  cmd: HelmCommand;
  binary: string;
  args: string[];
}

/** The Helm views (`:helm` and what opens from it) and their rollback/uninstall, run by helm in the pane. */
export function useHelmFeature(services: Services, nav: Navigator, pane: PaneManager) {
  const [pending, setPending] = useState<Pending | undefined>();
  const { flash, readOnly, config, session, discovery } = services;

  const mutate = (cmd: HelmCommand) => {
    const what = cmd.kind === 'rollback' ? 'rollback' : 'uninstall';
    if (readOnly) return flash(`helm ${what}: kdeck is read-only`, 'warn');
    const binary = findHelm(config.helmBinary);
    if (!binary)
      return flash(
        config.helmBinary
          ? `helm ${what} needs the helm binary: helmBinary ${config.helmBinary} is not an executable file`
          : `helm ${what} needs the helm binary: no helm on PATH (or set helmBinary in the config)`,
        'error',
      );
    setPending({ cmd, binary, args: helmArgs(cmd, session.info.context) });
  };

  const run = (p: Pending) => {
    setPending(undefined);
    const title =
      p.cmd.kind === 'rollback'
        ? `helm rollback ${p.cmd.name} ${p.cmd.revision}`
        : `helm uninstall ${p.cmd.name}`;
    openLocalInPane(pane, title, p.binary, p.args, { env: { ...process.env } });
  };

  const onIntent = (
    intent: HelmIntent,
    release: HelmReleaseRef,
    stored: StoredRelease,
    rollbackTo: number | undefined,
    against?: number,
  ) => {
    const open = (part: ReleasePart) =>
      nav.push({ view: 'helm-part', release, revision: stored.version, part });
    switch (intent.kind) {
      case 'part':
        return open(intent.part);
      case 'objects':
        return nav.push({ view: 'helm-objects', release, revision: stored.version });
      case 'storage': {
        const ref = discovery.resolve(stored.driver === 'secret' ? 'secrets' : 'configmaps');
        if (ref)
          nav.push({ view: 'yaml', target: { ref, namespace: stored.namespace, name: stored.objectName } });
        return;
      }
      case 'diff':
        if (against === undefined)
          return flash(`revision ${stored.version} is the first: nothing to diff against`, 'warn');
        return nav.push({
          view: 'helm-diff',
          release,
          from: Math.min(against, stored.version),
          to: Math.max(against, stored.version),
          part: 'manifest',
        });
      case 'rollback':
        if (readOnly) return flash('helm rollback: kdeck is read-only', 'warn');
        if (rollbackTo === undefined || rollbackTo < 1)
          return flash(`${release.name} has no earlier revision to roll back to`, 'warn');
        return mutate({ kind: 'rollback', ...release, revision: rollbackTo });
      case 'uninstall':
        return mutate({ kind: 'uninstall', ...release });
    }
  };

  const overlay: ReactNode = pending ? (
    <HelmConfirm
      title={pending.cmd.kind === 'rollback' ? 'Helm rollback' : 'Helm uninstall'}
      question={
        pending.cmd.kind === 'rollback'
          ? `Roll ${pending.cmd.namespace}/${pending.cmd.name} back to revision ${pending.cmd.revision}?`
          : `Uninstall ${pending.cmd.namespace}/${pending.cmd.name}, deleting its objects and its history?`
      }
      command={helmCommandLine(pending.binary, pending.args)}
      theme={services.theme}
      onYes={() => run(pending)}
      onNo={() => setPending(undefined)}
    />
  ) : undefined;

  const renderRoute = (route: Route, ctx: ExtraViewContext): ReactNode | undefined => {
    const frame = { width: ctx.width, height: ctx.height, active: ctx.active };
    switch (route.view) {
      case 'helm': {
        const ns = route.namespaces ?? (nav.namespace === 'all' ? 'all' : [nav.namespace]);
        return (
          <HelmReleasesView
            namespaces={ns === 'all' ? undefined : ns}
            {...frame}
            onHistory={(release) => nav.push({ view: 'helm-history', release })}
            onIntent={(intent, r) => {
              if (r.error && intent.kind !== 'storage' && intent.kind !== 'uninstall')
                return flash(
                  `${r.namespace}/${r.name} revision ${r.revision} is unreadable: ${r.error}`,
                  'error',
                );
              onIntent(intent, r, r.latest, r.revision - 1, r.revision - 1);
            }}
          />
        );
      }
      case 'helm-history':
        return (
          <HelmHistoryView
            release={route.release}
            {...frame}
            onIntent={(intent, r, against) => {
              if (
                r.error &&
                intent.kind !== 'storage' &&
                intent.kind !== 'uninstall' &&
                intent.kind !== 'rollback'
              )
                return flash(`revision ${r.revision} is unreadable: ${r.error}`, 'error');
              onIntent(intent, route.release, r.stored, r.revision, against?.revision);
            }}
          />
        );
      case 'helm-part':
        return <HelmPartView {...route} {...frame} onSearching={ctx.setSearching} />;
      case 'helm-diff':
        return <HelmDiffView {...route} {...frame} onSearching={ctx.setSearching} />;
      case 'helm-objects':
        return (
          <HelmObjectsView
            {...route}
            {...frame}
            onOpen={(target) => nav.push({ view: 'describe', target })}
          />
        );
      default:
        return undefined;
    }
  };
  return { overlay, renderRoute };
}
