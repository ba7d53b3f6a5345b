import { LOG_KINDS } from '../../model/log-target.js';
import type { Navigator, ResourceKeyHandler } from '../navigator.js';

/** `l` on a pod, workload or service: the merged log view of it. */
export function logsKeyHandler(nav: Pick<Navigator, 'push'>): ResourceKeyHandler {
  return (ev) => {
    if (ev.input !== 'l' || !ev.selected) return false;
    if (!(LOG_KINDS as readonly string[]).includes(ev.ref.kind)) return false;
    const { namespace, name } = ev.selected.metadata ?? {};
    if (!name) return false;
    nav.push({ view: 'logs', target: { ref: ev.ref, namespace, name } });
    return true;
  };
}
