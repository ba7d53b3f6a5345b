import { Box, Text } from 'ink';
import { memo, useEffect } from 'react';
import type { CellRun, TerminalScreen } from '../../term/terminal.js';
import type { Theme } from '../theme.js';
import { exitText, type PaneManager } from './pane-manager.js';
import { usePaneState } from './use-pane-state.js';
import { PANE_ESCAPE, useRawInput } from './use-raw-input.js';
import { useTerminalScreen } from './use-terminal-screen.js';

/** shift-pgup / shift-pgdn scroll the session's scrollback by half a screen, as in xterm. */
const SCROLL_KEYS: Record<string, number> = { '\x1b[5;2~': -0.5, '\x1b[6;2~': 0.5 };

export interface PaneProps {
  manager: PaneManager;
  /** The area the pane may use, tab bar included; the sessions' TTY size follows it. */
  width: number;
  height: number;
  theme: Theme;
}

/**
 * The session pane: a tab bar and the active session's screen. While the manager says it is focused
 * every keystroke goes raw to the session, except ctrl-] which hands focus back to the list.
 */
export function Pane({ manager, width, height, theme }: PaneProps) {
  const state = usePaneState(manager);
  const active = state.tabs.find((t) => t.id === state.activeId);
  const screen = useTerminalScreen(active?.terminal);
  const rows = Math.max(2, height - 1);

  useEffect(() => {
    manager.resize(width, rows);
  }, [manager, width, rows]);

  useRawInput(state.focused && active !== undefined && active.exit === undefined, (data) => {
    if (!active) return;
    if (data === PANE_ESCAPE) {
      manager.setFocused(false);
      return;
    }
    const scroll = SCROLL_KEYS[data];
    if (scroll !== undefined) {
      active.terminal.scroll(Math.round(scroll * rows));
      return;
    }
    // Typing returns to the live screen, as terminals do.
    if (active.terminal.scrolledBack) active.terminal.scroll(0);
    active.session.write(active.terminal.encodeInput(data));
  });

  if (!active) return null;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <TabBar manager={manager} width={width} theme={theme} />
      {screen ? <ScreenRows screen={screen} showCursor={state.focused} /> : null}
    </Box>
  );
}

function TabBar({ manager, width, theme }: { manager: PaneManager; width: number; theme: Theme }) {
  const state = usePaneState(manager);
  const active = state.tabs.find((t) => t.id === state.activeId);
  const hint = state.focused
    ? 'ctrl-] back to the list (the session keeps running)'
    : active?.exit
      ? `${exitText(active.exit)} · shift-x close`
      : 'ctrl-] type into the session · [ ] tabs · shift-p full screen · shift-x close';
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        {state.tabs.map((t, i) => {
          const selected = t.id === state.activeId;
          const ended = t.exit ? (t.exit.code === null ? ' ✗' : ` ${t.exit.code}`) : '';
          return (
            <Text
              key={t.id}
              inverse={selected}
              color={selected ? theme.title : theme.dim}
              bold={selected && state.focused}
            >
              {` ${i + 1} ${t.title}${ended} `}
            </Text>
          );
        })}
        <Text color={theme.dim}> {hint}</Text>
      </Text>
    </Box>
  );
}

const ScreenRows = memo(function ScreenRows({
  screen,
  showCursor,
}: {
  screen: TerminalScreen;
  showCursor: boolean;
}) {
  const cursor = showCursor && screen.cursor.visible ? screen.cursor : undefined;
  return (
    <Box flexDirection="column">
      {screen.lines.map((runs, y) => (
        <Text key={y} wrap="truncate">
          {(cursor && cursor.y === y ? withCursor(runs, cursor.x) : runs).map((r, i) => (
            <Text
              key={i}
              color={r.fg}
              backgroundColor={r.bg}
              bold={r.bold}
              dimColor={r.dim}
              italic={r.italic}
              underline={r.underline}
              inverse={r.inverse}
            >
              {r.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
});

/** Splits the runs so the character under the cursor is drawn inverted. */
export function withCursor(runs: readonly CellRun[], x: number): CellRun[] {
  const out: CellRun[] = [];
  let col = 0;
  let placed = false;
  for (const r of runs) {
    const chars = [...r.text];
    if (placed || x < col || x >= col + chars.length) {
      out.push(r);
      col += chars.length;
      continue;
    }
    const at = x - col;
    if (at > 0) out.push({ ...r, text: chars.slice(0, at).join('') });
    out.push({ ...r, text: chars[at] ?? ' ', inverse: !r.inverse });
    if (at + 1 < chars.length) out.push({ ...r, text: chars.slice(at + 1).join('') });
    placed = true;
    col += chars.length;
  }
  if (!placed) out.push({ text: ' ', inverse: true });
  return out;
}
