import { type Plugin, parsePlugin, parsePlugins } from '../plugins.js';
import { isMapping, type Parsed } from './entries.js';

/**
 * A k9s plugin file in any of the three shapes k9s reads: `plugins: {name: plugin}` (plugins.yaml), one plugin
 * (a file in plugins/, named after the file), or a bare mapping of name → plugin (also in plugins/).
 */
export function parseK9sPluginFile(doc: unknown, source: string, fileStem: string): Parsed<Plugin[]> {
  if (doc === null || doc === undefined) return { value: [], read: [], ignored: [] };
  if (!isMapping(doc))
    return { value: [], read: [], ignored: [{ entry: '(top)', reason: 'bad value: should be a mapping' }] };
  if ('plugins' in doc) {
    const out = parsePlugins(doc.plugins, 'plugins', source);
    for (const k of Object.keys(doc))
      if (k !== 'plugins') out.ignored.push({ entry: k, reason: 'unknown key' });
    return out;
  }
  if ('shortCut' in doc || 'command' in doc) {
    const one = parsePlugin(fileStem, doc, fileStem, source);
    return { value: one.value ? [one.value] : [], read: one.read, ignored: one.ignored };
  }
  return parsePlugins(doc, '', source);
}
