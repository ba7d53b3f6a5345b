import { Box, Text } from 'ink';
import type { ActionOutcome, Progress } from '../../kube/actions/outcome.js';
import type { Theme } from '../theme.js';

/** What an action did: one line per object changed, then each failure with its hint. */
export function OutcomeView({ outcome, theme }: { outcome: ActionOutcome; theme: Theme }) {
  return (
    <Box flexDirection="column">
      {outcome.cancelled ? <Text color={theme.warn || undefined}>cancelled</Text> : null}
      {outcome.done.map((d) => (
        <Text key={`ok-${d.object}`} color={theme.health.ok || undefined}>
          ✓ {d.object}: {d.note}
        </Text>
      ))}
      {outcome.failures.map((f) => (
        <Box key={`fail-${f.object}-${f.message}`} flexDirection="column">
          <Text color={theme.error || undefined}>
            ✗ {f.object ? `${f.object}: ` : ''}
            {f.message}
          </Text>
          <Text color={theme.dim || undefined}> → {f.hint}</Text>
        </Box>
      ))}
      <Text color={theme.dim || undefined}>any key closes</Text>
    </Box>
  );
}

/** A progress line: a bar when the total is known, byte counts when there are bytes. */
export function ProgressView({
  progress,
  theme,
  width = 30,
}: {
  progress?: Progress;
  theme: Theme;
  width?: number;
}) {
  if (!progress) return <Text color={theme.dim || undefined}>starting… (esc cancels)</Text>;
  const total = progress.totalBytes ?? progress.total;
  const done = progress.totalBytes ? (progress.bytes ?? 0) : progress.done;
  const filled = total > 0 ? Math.min(width, Math.round((width * done) / total)) : 0;
  const bar = total > 0 ? `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ` : '';
  const count =
    progress.bytes !== undefined
      ? `${formatBytes(progress.bytes)}${progress.totalBytes ? ` / ${formatBytes(progress.totalBytes)}` : ''}`
      : `${progress.done}/${progress.total}`;
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={theme.highlight || undefined}>{bar}</Text>
        {count}
      </Text>
      {progress.message ? <Text color={theme.dim || undefined}>{progress.message}</Text> : null}
      <Text color={theme.dim || undefined}>esc cancels</Text>
    </Box>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
