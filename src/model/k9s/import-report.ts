import type { Config } from '../config.js';
import type { FileReport } from './entries.js';

/** Every file read, what came from each, and every entry ignored with its reason, as lines of text. */
export function configReport(files: readonly FileReport[]): string[] {
  const lines: string[] = [];
  if (files.length === 0) lines.push('No config files were read: kdeck runs on its defaults.');
  for (const f of files) {
    lines.push(`${f.file}  (${f.kind})`);
    if (f.error) lines.push(`  ✗ not read: ${f.error}; kdeck went on without it`);
    for (const r of f.read) lines.push(`  ✓ ${r}`);
    for (const i of f.ignored) lines.push(`  ✗ ignored ${i.entry}: ${i.reason}`);
    if (!f.error && f.read.length === 0 && f.ignored.length === 0) lines.push('  (nothing in it)');
    lines.push('');
  }
  return lines;
}

/** `kdeck --import-k9s`: what the k9s setup becomes in kdeck, then the counts. */
export function importSummary(config: Config, k9sDir: string | undefined): string[] {
  const k9sFiles = config.files.filter((f) => f.kind.startsWith('k9s'));
  const ignored = k9sFiles.reduce((n, f) => n + f.ignored.length + (f.error ? 1 : 0), 0);
  const head = k9sDir
    ? [`k9s config folder: ${k9sDir}`, '']
    : ['k9s files are not read (--no-k9s-config).', ''];
  return [
    ...head,
    ...configReport(config.files),
    `In kdeck: ${Object.keys(config.aliases).length} aliases, ${config.hotkeys.length} hotkeys, ${config.plugins.length} plugins, ${Object.keys(config.views).length} custom views${config.theme ? `, theme ${config.theme}` : ''}; ${ignored} k9s entries not taken (listed above with the reason).`,
  ];
}
