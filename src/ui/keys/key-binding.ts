/** Where a key works: a view kind, a group of resource kinds, or everywhere. */
export type KeyScope =
  | 'global'
  | 'table'
  | 'pod'
  | 'container'
  | 'workload'
  | 'node'
  | 'namespace'
  | 'service'
  | 'cronjob'
  | 'secret'
  | 'any-resource'
  | 'describe'
  | 'yaml'
  | 'logs'
  | 'pane'
  | 'dns'
  | 'lb'
  | 'helm'
  | 'prompt';

/** One row of the key table that drives both the help screen and the README. */
export interface KeyBinding {
  /** As the user types it: `s`, `ctrl-d`, `shift-f`, `enter`, `:`. */
  key: string;
  scope: KeyScope;
  description: string;
  /** A mutating action: hidden from help in read-only mode or when RBAC says no. */
  mutates?: boolean;
  /** Why kdeck differs from k9s here, when it does. */
  note?: string;
}
