import { Box, Text } from 'ink';
import type { ConnectionState, SessionInfo } from '../../session/session.js';
import type { StoreStats } from '../../store/store.js';
import type { Theme } from '../theme.js';

export interface HeaderProps {
  info: SessionInfo;
  state: ConnectionState;
  namespace: string;
  /** Namespaces on keys 1-9. */
  favourites?: readonly string[];
  stats: StoreStats;
  demo: boolean;
  readOnly: boolean;
  width: number;
  theme: Theme;
  now: number;
}

/** Two lines: where kdeck is connected and how that connection is doing. */
export function Header({
  info,
  state,
  namespace,
  favourites = [],
  stats,
  demo,
  readOnly,
  width,
  theme,
  now,
}: HeaderProps) {
  const conn =
    state.kind === 'connected'
      ? stats.failing > 0
        ? { text: `● ${stats.failing}/${stats.watches} watches retrying`, color: theme.warn }
        : { text: '● connected', color: theme.health.ok }
      : state.kind === 'connecting'
        ? { text: '◌ connecting…', color: theme.health.pending }
        : {
            text: `✗ ${state.message} — retry in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))}s`,
            color: theme.error,
          };
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color={theme.title}>
          {' kdeck '}
        </Text>
        {demo ? (
          <Text
            bold
            color={theme.selectionFg}
            backgroundColor={theme.warn || undefined}
            inverse={!theme.warn}
          >
            {' DEMO CLUSTER '}
          </Text>
        ) : null}
        {readOnly ? (
          <Text bold color={theme.error}>
            {' READ-ONLY '}
          </Text>
        ) : null}
        <Text color={theme.dim}> ctx </Text>
        <Text color={theme.header}>{info.context}</Text>
        <Text color={theme.dim}> cluster </Text>
        <Text color={theme.header}>{info.cluster}</Text>
        <Text color={theme.dim}> user </Text>
        <Text color={theme.header}>{info.user}</Text>
        <Text color={theme.dim}> k8s </Text>
        <Text color={theme.header}>{info.serverVersion ?? '?'}</Text>
      </Text>
      <Text wrap="truncate">
        <Text color={theme.dim}> ns </Text>
        <Text bold color={theme.key}>
          {namespace === 'all' ? 'all namespaces' : namespace}
        </Text>
        <Text color={theme.dim}> watches </Text>
        <Text color={theme.header}>{stats.watches}</Text>
        <Text> </Text>
        <Text color={conn.color}>{conn.text}</Text>
        <Text color={theme.dim}>{`  ${info.server}`}</Text>
      </Text>
      <Text wrap="truncate" color={theme.dim}>
        <Text color={theme.key}>{' <0>'}</Text>
        {' all'}
        {favourites.map((ns, i) => (
          <Text key={ns}>
            <Text color={theme.key}>{` <${i + 1}>`}</Text>
            <Text color={ns === namespace ? theme.header : theme.dim}>{` ${ns}`}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
