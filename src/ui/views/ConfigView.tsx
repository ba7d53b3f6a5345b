import { useMemo } from 'react';
import { configReport } from '../../model/k9s/import-report.js';
import { useServices } from '../app-context.js';
import { type Segment, TextView } from '../components/TextView.js';

export interface ConfigViewProps {
  width: number;
  height: number;
  active: boolean;
  onSearching(searching: boolean): void;
}

/** `:config`: every file read (kdeck's and k9s's), what came from each, every entry ignored and why. */
export function ConfigView({ width, height, active, onSearching }: ConfigViewProps) {
  const { config, theme } = useServices();
  const lines = useMemo(() => configReport(config.files), [config.files]);
  const ignored = config.files.reduce((n, f) => n + f.ignored.length + (f.error ? 1 : 0), 0);
  const colorize = (line: string): Segment[] => {
    if (line.startsWith('  ✓')) return [{ text: line, color: theme.health.ok }];
    if (line.startsWith('  ✗')) return [{ text: line, color: theme.warn }];
    if (line.startsWith('  ')) return [{ text: line, color: theme.dim }];
    return [{ text: line, color: theme.title }];
  };
  return (
    <TextView
      title="config"
      hint={`${config.files.length} files · ${ignored} entries ignored`}
      lines={lines}
      colorize={colorize}
      width={width}
      height={height}
      active={active}
      theme={theme}
      onSearching={onSearching}
    />
  );
}
