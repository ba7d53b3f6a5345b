import { type Ignored, isMapping, type Parsed } from './entries.js';

/** What kdeck takes from k9s's config.yaml (and a context's config.yaml): the keys that mean something here. */
export interface K9sSettings {
  readOnly?: boolean;
  /** Skin name: a file in skins/ without `.yaml`. */
  skin?: string;
  headless?: boolean;
  crumbsless?: boolean;
  screenDumpDir?: string;
  /** The view to start in, as typed after `:`. */
  defaultView?: string;
  logs: {
    tail?: number;
    buffer?: number;
    sinceSeconds?: number;
    textWrap?: boolean;
    showTime?: boolean;
    disableAutoscroll?: boolean;
  };
  /** A context's config: its favourite namespaces and the one it was in. */
  favorites?: string[];
  namespace?: string;
}

/** Why each k9s key kdeck does not take is not taken, so `:config` can say it. */
const IGNORED_REASONS: Record<string, string> = {
  refreshRate: 'kdeck lists follow watches: changes show at once, there is nothing to poll',
  liveViewAutoRefresh: 'describe and YAML views in kdeck re-read on each open',
  apiServerTimeout: 'kdeck retries with backoff and shows the failure in the header instead',
  maxConnRetry: 'kdeck retries forever with backoff, showing it in the header',
  noExitOnCtrlC: 'unsupported feature: ctrl-c always quits kdeck (as :q)',
  portForwardAddress: 'kdeck forwards to 127.0.0.1 only',
  skipLatestRevCheck: 'kdeck never checks for new versions',
  disablePodCounting: 'kdeck does not count pods in the header',
  imageScans: 'unsupported feature: image vulnerability scans are not part of kdeck',
  thresholds: 'unsupported feature: kdeck shows no CPU/memory thresholds',
  gpuVendors: 'unsupported feature: kdeck shows no GPU columns',
  'ui.enableMouse': 'kdeck is keyboard-only',
  'ui.reactive': 'kdeck reads the files at start; restart it to pick up changes',
  'ui.splashless': 'kdeck has no splash screen',
  'ui.invert': 'unsupported feature: use a light skin or theme instead',
  'ui.defaultsToFullScreen': 'unsupported feature',
  'ui.useFullGVRTitle': 'unsupported feature',
  'logger.columnLock': 'unsupported feature',
  'logger.logBufferSize': 'unsupported feature',
  shellPod: 'not supported yet: kdeck has no node shell (s on a node) yet',
  'featureGates.nodeShell': 'not supported yet: kdeck has no node shell (s on a node) yet',
  'ui.noIcons': "not supported yet: kdeck's status marks (● ✗ ◌) always show",
  cluster: 'kdeck takes the cluster from the kubeconfig',
  'view.active': 'kdeck starts where -c or defaultView says',
  'namespace.lockFavorites': 'kdeck keeps favourites as configured',
  proxy: 'unsupported feature: kdeck uses the kubeconfig proxy-url',
  'featureGates.*': 'unknown feature gate',
};

/** k9s's config.yaml (`k9s: {...}`), or a context's (`k9s: {skin, readOnly, namespace, featureGates}`). */
export function parseK9sConfig(doc: unknown): Parsed<K9sSettings> {
  const s: K9sSettings = { logs: {} };
  const read: string[] = [];
  const ignored: Ignored[] = [];
  const out = { value: s, read, ignored };
  if (doc === null || doc === undefined) return out;
  if (!isMapping(doc))
    return { ...out, ignored: [{ entry: '(top)', reason: 'bad value: should be a mapping' }] };
  for (const k of Object.keys(doc)) if (k !== 'k9s') ignored.push({ entry: k, reason: 'unknown key' });
  const k9s = doc.k9s;
  if (k9s === undefined || k9s === null) return out;
  if (!isMapping(k9s))
    return { ...out, ignored: [...ignored, { entry: 'k9s', reason: 'bad value: should be a mapping' }] };

  const bad = (entry: string, want: string) =>
    ignored.push({ entry: `k9s.${entry}`, reason: `bad value: should be ${want}` });
  const bool = (v: unknown, entry: string): boolean | undefined => {
    if (typeof v === 'boolean') return v;
    bad(entry, 'true or false');
    return undefined;
  };
  const num = (v: unknown, entry: string): number | undefined => {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    bad(entry, 'a number');
    return undefined;
  };
  const str = (v: unknown, entry: string): string | undefined => {
    if (typeof v === 'string' && v !== '') return v;
    bad(entry, 'a string');
    return undefined;
  };
  const strList = (v: unknown, entry: string): string[] | undefined => {
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    bad(entry, 'a list of strings');
    return undefined;
  };
  const ignore = (entry: string, reasonKey = entry) =>
    ignored.push({ entry: `k9s.${entry}`, reason: IGNORED_REASONS[reasonKey] ?? 'unknown key' });
  const took = (entry: string, what: string) => read.push(`k9s.${entry} → ${what}`);

  for (const [k, v] of Object.entries(k9s)) {
    if (v === null || v === undefined) continue;
    switch (k) {
      case 'readOnly':
        s.readOnly = bool(v, k);
        if (s.readOnly !== undefined) took(k, `read-only ${s.readOnly ? 'on' : 'off'}`);
        break;
      case 'skin':
        s.skin = str(v, k);
        if (s.skin) took(k, `skin ${s.skin}`);
        break;
      case 'screenDumpDir':
        s.screenDumpDir = str(v, k);
        if (s.screenDumpDir) took(k, `dump folder ${s.screenDumpDir}`);
        break;
      case 'defaultView':
        s.defaultView = str(v, k);
        if (s.defaultView) took(k, `start in :${s.defaultView}`);
        break;
      case 'ui':
        if (!isMapping(v)) {
          bad(k, 'a mapping');
          break;
        }
        for (const [uk, uv] of Object.entries(v)) {
          const e = `ui.${uk}`;
          if (uv === null || uv === undefined) continue;
          if (uk === 'skin') {
            s.skin = str(uv, e);
            if (s.skin) took(e, `skin ${s.skin}`);
          } else if (uk === 'logoless') {
            took(e, 'nothing to hide: kdeck has no logo');
          } else if (uk === 'headless' || uk === 'crumbsless') {
            const b = bool(uv, e);
            if (b !== undefined) {
              s[uk] = b;
              took(e, `${uk} ${b ? 'on' : 'off'}`);
            }
          } else ignore(e);
        }
        break;
      case 'logger':
        if (!isMapping(v)) {
          bad(k, 'a mapping');
          break;
        }
        for (const [lk, lv] of Object.entries(v)) {
          const e = `logger.${lk}`;
          if (lv === null || lv === undefined) continue;
          if (lk === 'sinceSeconds' && lv === -1) {
            took(e, 'logs from the tail, no time limit');
          } else if (lk === 'tail' || lk === 'buffer' || lk === 'sinceSeconds') {
            const n = num(lv, e);
            if (n !== undefined) {
              s.logs[lk] = n;
              took(e, `logs ${lk} ${n}`);
            }
          } else if (lk === 'textWrap' || lk === 'showTime' || lk === 'disableAutoscroll') {
            const b = bool(lv, e);
            if (b !== undefined) {
              s.logs[lk] = b;
              took(e, `logs ${lk} ${b ? 'on' : 'off'}`);
            }
          } else ignore(e);
        }
        break;
      case 'shellPod':
        ignore(k);
        break;
      case 'featureGates':
        if (!isMapping(v)) {
          bad(k, 'a mapping');
          break;
        }
        for (const fk of Object.keys(v))
          ignore(`featureGates.${fk}`, fk === 'nodeShell' ? 'featureGates.nodeShell' : 'featureGates.*');
        break;
      case 'namespace':
        if (!isMapping(v)) {
          bad(k, 'a mapping');
          break;
        }
        for (const [nk, nv] of Object.entries(v)) {
          if (nk === 'favorites') {
            s.favorites = strList(nv, 'namespace.favorites');
            if (s.favorites) took('namespace.favorites', `favourite namespaces ${s.favorites.join(', ')}`);
          } else if (nk === 'active') {
            s.namespace = str(nv, 'namespace.active');
            if (s.namespace) took('namespace.active', `start in namespace ${s.namespace}`);
          } else ignore(`namespace.${nk}`);
        }
        break;
      case 'view':
        if (isMapping(v)) for (const vk of Object.keys(v)) ignore(`view.${vk}`);
        else bad(k, 'a mapping');
        break;
      default:
        ignore(k);
    }
  }
  return out;
}
