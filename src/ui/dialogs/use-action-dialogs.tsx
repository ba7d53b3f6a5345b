import type { KubernetesObject } from '@kubernetes/client-node';
import type { Key } from 'ink';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { resolverFrom } from '../../kube/actions/apply.js';
import { type EditorRunner, edit } from '../../kube/actions/edit.js';
import { execOverWebsocket } from '../../kube/actions/exec-session.js';
import { ActionGate } from '../../kube/actions/gate.js';
import type { ActionOutcome } from '../../kube/actions/outcome.js';
import { PortForwards } from '../../kube/actions/port-forward.js';
import type { ResourceKind, Target } from '../../kube/actions/target.js';
import type { Services } from '../app-context.js';
import { type ActionId, actionForKey } from '../keys/action-keys.js';
import type { ResourceKeyHandler } from '../navigator.js';
import { ApplyDialog } from './ApplyDialog.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { CopyDialog } from './CopyDialog.js';
import { DeleteDialog } from './DeleteDialog.js';
import { DrainDialog } from './DrainDialog.js';
import type { DialogProps, DialogServices } from './dialog-services.js';
import { HistoryDialog } from './HistoryDialog.js';
import { MetadataDialog } from './MetadataDialog.js';
import { PortForwardDialog } from './PortForwardDialog.js';
import { PortForwardList } from './PortForwardList.js';
import { ScaleDialog } from './ScaleDialog.js';
import { SetImageDialog } from './SetImageDialog.js';

export interface ActionDialogsHost {
  /** Offer it every key a resource list did not handle; true when an action took it. */
  handleKey: ResourceKeyHandler;
  /** The open dialog, to draw over the body (it takes the keys); undefined when none. */
  overlay: ReactNode | undefined;
  /** `:pf`: the active port-forwards. */
  openPortForwards(): void;
  gate: ActionGate;
  forwards: PortForwards;
}

/** A key as the key table spells it: `s`, `ctrl-d`, `shift-f`. */
export function keyName(input: string, key: Pick<Key, 'ctrl' | 'shift'>): string {
  if (key.ctrl) return `ctrl-${input.toLowerCase()}`;
  if (input.length === 1 && input !== input.toLowerCase()) return `shift-${input.toLowerCase()}`;
  return input;
}

function targetsOf(ref: ResourceKind, objects: readonly KubernetesObject[]): Target[] {
  return objects.map((o) => ({ ref, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' }));
}

/** One line for the status bar: what happened, or the first failure and what to do. */
export function outcomeFlash(o: ActionOutcome): { text: string; level: 'info' | 'warn' | 'error' } {
  if (o.cancelled) return { text: `${o.action}: cancelled`, level: 'warn' };
  const f = o.failures[0];
  if (f) {
    const more = o.failures.length > 1 ? ` (+${o.failures.length - 1} more)` : '';
    return { text: `${f.object ? `${f.object}: ` : ''}${f.message}${more}; ${f.hint}`, level: 'error' };
  }
  const d = o.done[0];
  if (!d) return { text: `${o.action}: nothing to do`, level: 'info' };
  return {
    text: o.done.length > 1 ? `${o.action}: ${o.done.length} objects` : `${d.object}: ${d.note}`,
    level: 'info',
  };
}

function render(id: ActionId, props: DialogProps): ReactNode {
  switch (id) {
    case 'scale':
      return <ScaleDialog {...props} />;
    case 'delete':
      return <DeleteDialog {...props} />;
    case 'set-image':
      return <SetImageDialog {...props} />;
    case 'history':
      return <HistoryDialog {...props} />;
    case 'drain':
      return <DrainDialog {...props} />;
    case 'label':
      return <MetadataDialog {...props} field="labels" />;
    case 'annotate':
      return <MetadataDialog {...props} field="annotations" />;
    case 'port-forward':
      return <PortForwardDialog {...props} />;
    case 'port-forwards':
      return <PortForwardList {...props} />;
    case 'copy':
      return <CopyDialog {...props} />;
    case 'apply':
      return <ApplyDialog {...props} />;
    case 'edit':
      return undefined;
    case 'restart':
    case 'kill':
    case 'cordon':
    case 'uncordon':
    case 'undo':
    case 'trigger':
    case 'suspend':
      return <ConfirmDialog {...props} action={id} />;
  }
}

/**
 * The action keys and their dialogs for one session: a gate over the session's client (read-only
 * from the flag/config), a port-forward registry that ends with the app, and the open dialog.
 * The caller supplies the editor runner (`paneEditor(pane.manager)`) and the current namespace.
 */
export function useActionDialogs(
  services: Services,
  opts: { runEditor: EditorRunner; namespace: string },
): ActionDialogsHost {
  const { client, readOnly, theme, discovery, flash } = services;
  const gate = useMemo(
    () => new ActionGate(client, { readOnly, exec: execOverWebsocket(client) }),
    [client, readOnly],
  );
  const [forwards] = useState(() => new PortForwards());
  useEffect(() => () => void forwards.stopAll(), [forwards]);
  const [open, setOpen] = useState<{ id: ActionId; targets: Target[] } | undefined>();
  const dialogServices = useMemo<DialogServices>(
    () => ({
      gate,
      theme,
      forwards,
      namespace: opts.namespace,
      resolveKind: resolverFrom(discovery.all()),
      runEditor: opts.runEditor,
    }),
    [gate, theme, forwards, opts.namespace, opts.runEditor, discovery],
  );
  const handleKey = useCallback<ResourceKeyHandler>(
    (ev) => {
      const action = actionForKey(keyName(ev.input, ev.key), ev.ref);
      if (!action) return false;
      const targets = targetsOf(ev.ref, ev.targets);
      if (targets.length === 0 && action.id !== 'apply') return false;
      const namespace = targets[0]?.namespace;
      if (action.binding.mutates && readOnly) {
        flash(`${action.id}: kdeck is read-only (--readonly); nothing was sent`, 'warn');
        return true;
      }
      // A cached "no" refuses at once; an unknown answer opens the dialog and the gate asks on the way.
      const known = action.needs
        ? gate.peek(action.needs.verb, action.needs.on ?? ev.ref, namespace, action.needs.subresource)
        : true;
      if (known === false) {
        flash(`${action.id}: RBAC does not allow this on ${ev.ref.resource}`, 'error');
        return true;
      }
      if (action.id === 'edit') {
        // No dialog: the editor itself (in a pane tab) takes the keys; the outcome is flashed.
        edit(gate.context(), targets, { runEditor: opts.runEditor }).then((o) => {
          const f = outcomeFlash(o);
          flash(f.text, f.level);
        });
        return true;
      }
      setOpen({ id: action.id, targets });
      return true;
    },
    [gate, readOnly, flash, opts.runEditor],
  );
  const close = useCallback(
    (result?: ActionOutcome) => {
      setOpen(undefined);
      if (result) {
        const f = outcomeFlash(result);
        flash(f.text, f.level);
      }
    },
    [flash],
  );
  return {
    handleKey,
    overlay: open
      ? render(open.id, { targets: open.targets, services: dialogServices, onClose: close })
      : undefined,
    openPortForwards: () => setOpen({ id: 'port-forwards', targets: [] }),
    gate,
    forwards,
  };
}
