import { Box, Text, useInput } from 'ink';
import { useMemo, useState } from 'react';
import type { Theme } from '../theme.js';

/** A coloured piece of a line. */
export interface Segment {
  text: string;
  color?: string;
}

export interface TextViewProps {
  title: string;
  lines: readonly string[];
  /** Colours a line (YAML highlighting); plain text when absent. */
  colorize?: (line: string) => Segment[];
  width: number;
  height: number;
  active: boolean;
  theme: Theme;
  /** A second line under the title (e.g. "secrets masked, x reveals"). */
  hint?: string;
  /** Keys the view does not use itself. */
  onKey?: (input: string) => void;
  /** While the search prompt is open the app must not take keys. */
  onSearching?: (searching: boolean) => void;
}

/** A scrollable, searchable text pane (describe, YAML): `/` searches, n/N jump between matches. */
export function TextView(p: TextViewProps) {
  const [top, setTop] = useState(0);
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const bodyHeight = Math.max(1, p.height - 2);
  const maxTop = Math.max(0, p.lines.length - bodyHeight);
  const matches = useMemo(() => {
    if (!applied) return [];
    let re: RegExp;
    try {
      re = new RegExp(applied, 'i');
    } catch {
      re = new RegExp(applied.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    }
    return p.lines.flatMap((l, i) => (re.test(l) ? [i] : []));
  }, [applied, p.lines]);

  const scrollTo = (t: number) => setTop(Math.max(0, Math.min(maxTop, t)));
  const jump = (dir: 1 | -1) => {
    if (matches.length === 0) return;
    const next =
      dir === 1
        ? (matches.find((m) => m > top) ?? matches[0]!)
        : ([...matches].reverse().find((m) => m < top) ?? matches[matches.length - 1]!);
    scrollTo(next);
  };

  useInput(
    (input, key) => {
      if (searching) {
        if (key.return) {
          setSearching(false);
          p.onSearching?.(false);
          setApplied(query);
          const first = query ? p.lines.findIndex((l) => l.toLowerCase().includes(query.toLowerCase())) : -1;
          if (first >= 0) scrollTo(first);
        } else if (key.escape) {
          setSearching(false);
          p.onSearching?.(false);
        } else if (key.backspace || key.delete) setQuery((q) => q.slice(0, -1));
        else if (input && !key.ctrl && !key.meta) setQuery((q) => q + input);
        return;
      }
      if (key.downArrow || input === 'j') return scrollTo(top + 1);
      if (key.upArrow || input === 'k') return scrollTo(top - 1);
      if (key.pageDown || (key.ctrl && input === 'f') || input === ' ') return scrollTo(top + bodyHeight - 1);
      if (key.pageUp || (key.ctrl && input === 'b')) return scrollTo(top - bodyHeight + 1);
      if (input === 'g' || key.home) return scrollTo(0);
      if (input === 'G' || key.end) return scrollTo(maxTop);
      if (input === '/') {
        setSearching(true);
        p.onSearching?.(true);
        setQuery('');
        return;
      }
      if (input === 'n') return jump(1);
      if (input === 'N') return jump(-1);
      p.onKey?.(input);
    },
    { isActive: p.active },
  );

  const shown = p.lines.slice(top, top + bodyHeight);
  const matchSet = new Set(matches);
  const pos =
    p.lines.length === 0
      ? '0/0'
      : `${top + 1}-${Math.min(p.lines.length, top + bodyHeight)}/${p.lines.length}`;
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text color={p.theme.title} bold wrap="truncate">
        {` ${p.title}  `}
        <Text
          color={p.theme.dim}
        >{`${pos}${applied ? ` · /${applied}: ${matches.length} matches (n/N)` : ''}${p.hint ? ` · ${p.hint}` : ''}`}</Text>
      </Text>
      <Box flexDirection="column" height={bodyHeight}>
        {shown.map((l, i) => {
          const lineNo = top + i;
          const segs = p.colorize ? p.colorize(l) : [{ text: l }];
          return (
            <Text
              key={lineNo}
              wrap="truncate"
              backgroundColor={matchSet.has(lineNo) ? p.theme.highlight || undefined : undefined}
              inverse={matchSet.has(lineNo) && !p.theme.highlight}
            >
              {segs.map((s, k) => (
                <Text key={k} color={matchSet.has(lineNo) ? p.theme.selectionFg : s.color}>
                  {s.text}
                </Text>
              ))}
            </Text>
          );
        })}
      </Box>
      <Text color={p.theme.dim} wrap="truncate">
        {searching ? `/${query}█` : ' j/k scroll · / search · n/N next/prev · g/G top/bottom · esc back'}
      </Text>
    </Box>
  );
}
