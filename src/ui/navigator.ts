import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourceRef } from '../kube/discovery.js';
import type { Route } from './router.js';

/** What a view can ask of the app: move between screens and change the namespace. */
export interface Navigator {
  push(route: Route): void;
  pop(): void;
  /** The app's current namespace ('all' for every namespace). */
  namespace: string | 'all';
  setNamespace(ns: string | 'all'): void;
  /** Namespaces on keys 1-9: the configured favourites, then the most recently used (as k9s does). */
  favourites: readonly string[];
}

/** A key a resource view did not handle itself, offered to the actions (shell, logs, scale…). */
export interface ResourceKeyEvent {
  input: string;
  key: import('ink').Key;
  ref: ResourceRef;
  /** Marked rows, or the selected one when nothing is marked. */
  targets: KubernetesObject[];
  selected: KubernetesObject | undefined;
  /** The selected row as shown (column names and cells), for plugins' $COL-<NAME>. */
  row?: { name: string; value: string }[];
  /** The list's filter as typed, for plugins' $FILTER. */
  filter?: string;
}

/** Returns true when it handled the key. */
export type ResourceKeyHandler = (ev: ResourceKeyEvent) => boolean;
