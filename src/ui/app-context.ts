import { createContext, useContext } from 'react';
import type { KubeClient } from '../kube/client.js';
import type { Discovery } from '../kube/discovery.js';
import type { RequestLog } from '../kube/request-log.js';
import type { Config } from '../model/config.js';
import type { Session } from '../session/session.js';
import type { ResourceStore } from '../store/store.js';
import type { Theme } from './theme.js';

/** What every component may use, handed down from the root; nothing is reached through module state. */
export interface Services {
  session: Session;
  client: KubeClient;
  store: ResourceStore;
  discovery: Discovery;
  requestLog: RequestLog;
  config: Config;
  theme: Theme;
  readOnly: boolean;
  /** Shows a one-line message in the status bar. */
  flash(message: string, level?: 'info' | 'warn' | 'error'): void;
}

export const ServicesContext = createContext<Services | undefined>(undefined);

/** The services of the current session; throws outside the app root. */
export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesContext');
  return s;
}
