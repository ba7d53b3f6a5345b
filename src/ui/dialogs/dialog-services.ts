import type { KindResolver } from '../../kube/actions/apply.js';
import type { EditorRunner } from '../../kube/actions/edit.js';
import type { ActionGate } from '../../kube/actions/gate.js';
import type { ActionOutcome } from '../../kube/actions/outcome.js';
import type { PortForwards } from '../../kube/actions/port-forward.js';
import type { Target } from '../../kube/actions/target.js';
import type { Theme } from '../theme.js';

/** What the action dialogs need from the session; the root builds it once next to Services. */
export interface DialogServices {
  gate: ActionGate;
  theme: Theme;
  forwards: PortForwards;
  /** Where namespaced objects from a file go when they name none: the current namespace. */
  namespace: string;
  /** apiVersion + kind → resource, from discovery (`resolverFrom(discovery.all())`). */
  resolveKind: KindResolver;
  /** Runs $KUBE_EDITOR with the UI suspended (the pane's local-command runner). */
  runEditor: EditorRunner;
}

/** Every dialog's props: the rows it acts on (the marked ones, else the selected one) and how to leave. */
export interface DialogProps {
  targets: readonly Target[];
  services: DialogServices;
  /** The outcome when the action ran (the view flashes it), undefined when dismissed. */
  onClose(result?: ActionOutcome): void;
}
