import { Box, Text, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogBuffer } from '../../model/log-buffer.js';
import { compileLogFilter, type LogFilter } from '../../model/log-filter.js';
import type { LogTarget } from '../../model/log-target.js';
import { dumpFileName } from '../../model/screen-dump.js';
import type { LogSource } from '../../session/workload-logs.js';
import { useServices } from '../app-context.js';
import { contextDumpDir, writeDump } from '../dumps/dump-folder.js';
import type { Theme } from '../theme.js';
import { FilteredLog } from './filtered-log.js';
import { type LogRow, type RowOptions, windowRows } from './log-rows.js';
import { useLogStream } from './use-log-stream.js';

export interface LogViewProps {
  target: LogTarget;
  width: number;
  height: number;
  /** esc with no filter to clear, when the app does not handle esc itself (no `onSearching`): leave the view. */
  onBack?(): void;
  /**
   * Told, the moment it changes, whether the view owns esc and typing (its `/` prompt is open or a filter
   * is set), so the app neither pops the view on that esc nor takes the keys; the view stays active meanwhile.
   */
  onSearching?(owns: boolean): void;
  /** Whether this view takes keys (false while a dialog or the pane has them). */
  isActive?: boolean;
  /** Where ctrl-s writes the log; the context's folder in the dump folder by default. */
  saveDir?: string;
  /** Lines held before the oldest are evicted (and counted). */
  capacity?: number;
}

/** Since presets on 1-4, tail presets cycled by 0 (undefined = the whole log). */
export const SINCE_PRESETS: Record<string, { label: string; seconds: number }> = {
  '1': { label: '1m', seconds: 60 },
  '2': { label: '5m', seconds: 300 },
  '3': { label: '15m', seconds: 900 },
  '4': { label: '1h', seconds: 3600 },
};
export const TAIL_PRESETS: (number | undefined)[] = [100, 500, 1000, undefined];

/**
 * Follows the logs of a pod or a workload: merged sources prefixed and coloured, follow, tail,
 * since, previous, timestamps, wrap, JSON, container choice, a `/` regex filter with highlights,
 * save, and copy through OSC 52. The buffer is bounded and says how many lines it evicted.
 */
export function LogView({
  target,
  width,
  height,
  onBack,
  onSearching,
  isActive = true,
  saveDir,
  capacity,
}: LogViewProps) {
  const { client, store, theme, flash, config, session } = useServices();
  const { stdout } = useStdout();
  // k9s's logger settings (tail, sinceSeconds, textWrap, showTime, disableAutoscroll, buffer) are the defaults.
  const logs = config.logs;
  const tails = useMemo(
    () => (logs.tail && !TAIL_PRESETS.includes(logs.tail) ? [logs.tail, ...TAIL_PRESETS] : TAIL_PRESETS),
    [logs.tail],
  );
  const [tailIndex, setTailIndex] = useState(logs.tail ? Math.max(0, tails.indexOf(logs.tail)) : 0);
  const [since, setSince] = useState<string | undefined>(
    logs.sinceSeconds && logs.sinceSeconds > 0 ? 'configured' : undefined,
  );
  const sincePreset = (key: string) =>
    key === 'configured' && logs.sinceSeconds
      ? { label: `${logs.sinceSeconds}s`, seconds: logs.sinceSeconds }
      : SINCE_PRESETS[key];
  const [previous, setPrevious] = useState(false);
  const settings = {
    tailLines: since ? undefined : tails[tailIndex],
    sinceSeconds: since ? sincePreset(since)?.seconds : undefined,
    previous,
  };
  const { buffer, sources, revision } = useLogStream(
    client,
    store,
    target,
    settings,
    capacity ?? logs.buffer,
  );

  const [follow, setFollow] = useState(logs.disableAutoscroll !== true);
  const [anchor, setAnchor] = useState(0);
  const [wrap, setWrap] = useState(logs.textWrap === true);
  const [json, setJson] = useState(false);
  const [timestamps, setTimestamps] = useState(logs.showTime === true);
  const [container, setContainer] = useState<string | undefined>();
  const [filter, setFilterState] = useState<LogFilter | undefined>();
  const [prompt, setPromptState] = useState<string | undefined>();
  // Keys typed faster than a render (a paste) must all land in the prompt: the handler reads these refs.
  const promptRef = useRef<string | undefined>(undefined);
  const filterRef = useRef<LogFilter | undefined>(undefined);
  const ownsRef = useRef(false);
  const searching = useRef(onSearching);
  searching.current = onSearching;
  const claim = () => {
    const owns = promptRef.current !== undefined || filterRef.current !== undefined;
    if (owns === ownsRef.current) return;
    ownsRef.current = owns;
    searching.current?.(owns);
  };
  const setPrompt = (p: string | undefined) => {
    promptRef.current = p;
    setPromptState(p);
    claim();
  };
  const setFilter = (f: LogFilter | undefined) => {
    filterRef.current = f;
    setFilterState(f);
    claim();
  };
  // Leaving the view hands esc back to the app.
  useEffect(
    () => () => {
      if (ownsRef.current) searching.current?.(false);
    },
    [],
  );

  const containers = useMemo(() => [...new Set(sources.map((s) => s.container))].sort(), [sources]);
  const filtered = useMemo(() => new FilteredLog(buffer), [buffer]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: sources matter through the container lookup
  useMemo(() => {
    const allowed = container === undefined ? undefined : (i: number) => sources[i]?.container === container;
    filtered.set(filter, allowed);
  }, [filtered, filter, container, sources.length]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the buffer grew
  useMemo(() => filtered.update(), [filtered, revision]);

  const bodyHeight = Math.max(1, height - 2);
  const count = filtered.length;
  const bottom = follow ? count - 1 : Math.min(anchor, count - 1);
  const multi = sources.length > 1;
  const rowOpts: RowOptions = {
    width,
    wrap,
    json,
    timestamps,
    filter,
    prefix: multi ? (i) => sourceLabel(sources[i], i, theme) : undefined,
  };
  const rows = windowRows((i) => filtered.at(i), count, bottom, bodyHeight, rowOpts);
  const selectedSeq = follow ? undefined : filtered.at(bottom)?.seq;

  // Keys can arrive before the handler from the latest render is subscribed: they read this instead.
  const live = useRef({ bottom, count, follow });
  live.current = { bottom, count, follow };

  const move = (delta: number) => {
    const { bottom: b, count: n } = live.current;
    setFollow(false);
    setAnchor(Math.max(0, Math.min(n - 1, b + delta)));
  };

  useInput(
    (input, key) => {
      const prompt = promptRef.current;
      if (prompt !== undefined) {
        if (key.escape) setPrompt(undefined);
        else if (key.return) {
          const text = prompt.trim();
          setFilter(text === '' || text === '!' ? undefined : compileFromPrompt(text));
          setPrompt(undefined);
        } else if (key.backspace || key.delete) setPrompt(prompt.slice(0, -1));
        else if (!key.ctrl && !key.meta && input) setPrompt(prompt + input);
        return;
      }
      if (key.ctrl) {
        if (input === 's') save();
        else if (input === 'f') move(bodyHeight);
        else if (input === 'b') move(-bodyHeight);
        return;
      }
      if (key.escape) {
        if (filterRef.current) setFilter(undefined);
        else if (!searching.current) onBack?.();
      } else if (input === '/') {
        const f = filterRef.current;
        setPrompt(f ? `${f.inverse ? '!' : ''}${f.pattern}` : '');
      } else if (input === 's') {
        if (live.current.follow) setAnchor(live.current.bottom);
        setFollow(!live.current.follow);
      } else if (input === 'w') setWrap((w) => !w);
      else if (input === 't') setTimestamps((t) => !t);
      else if (input === 'J') setJson((j) => !j);
      else if (input === 'p') setPrevious((p) => !p);
      else if (input === 'C') setContainer((c) => nextOf(containers, c));
      else if (input === '0') {
        setSince(undefined);
        setTailIndex((i) => (since ? i : (i + 1) % tails.length));
      } else if (SINCE_PRESETS[input]) setSince(input);
      else if (input === 'c') copyLine(filtered.at(live.current.bottom)?.text);
      else if (input === 'j' || key.downArrow) move(1);
      else if (input === 'k' || key.upArrow) move(-1);
      else if (key.pageDown) move(bodyHeight);
      else if (key.pageUp) move(-bodyHeight);
      else if (input === 'g' || key.home) {
        setFollow(false);
        setAnchor(Math.min(live.current.count - 1, bodyHeight - 1));
      } else if (input === 'G' || key.end) setFollow(true);
    },
    // The app turns isActive off while this view says it owns the keys; it keeps them until it hands them back.
    { isActive: isActive || prompt !== undefined || filter !== undefined },
  );

  const copyLine = (text: string | undefined) => {
    if (text === undefined) return;
    // OSC 52 puts text on the clipboard of the terminal the user sits at, over SSH too.
    stdout.write(`\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`);
    flash(`copied ${text.length} characters to the clipboard (OSC 52)`);
  };

  const save = () => {
    const dir =
      saveDir ??
      contextDumpDir(config.screenDumpDir ?? process.cwd(), session.info.cluster, session.info.context);
    try {
      const file = writeDump(dir, dumpFileName(target.title, 'log', new Date()), logText(buffer, sources));
      flash(`saved ${buffer.length} lines to ${file}`);
    } catch (e) {
      flash(`cannot save the log: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header
        title={target.title}
        sources={sources}
        theme={theme}
        width={width}
        parts={[
          follow ? 'follow' : 'paused',
          since ? `since ${sincePreset(since)?.label}` : `tail ${tails[tailIndex] ?? 'all'}`,
          previous ? 'previous' : '',
          container ? `container ${container}` : '',
          timestamps ? 'timestamps' : '',
          wrap ? 'wrap' : '',
          json ? 'json' : '',
          filter
            ? `/${filter.inverse ? '!' : ''}${filter.pattern}/ ${count} lines${filter.error ? ' (not a regex: plain text)' : ''}`
            : '',
        ]}
        evicted={buffer.evicted}
      />
      <Box flexDirection="column" height={bodyHeight}>
        {rows.map((row, i) => (
          <Row key={i} row={row} theme={theme} selected={row.seq === selectedSeq} />
        ))}
      </Box>
      <Text wrap="truncate" color={theme.dim}>
        {prompt !== undefined
          ? `/${prompt}█  (regex, smart-case; ! inverts; enter apply, esc cancel)`
          : statusLine(sources, count)}
      </Text>
    </Box>
  );
}

function compileFromPrompt(text: string): LogFilter {
  return text.startsWith('!') ? compileLogFilter(text.slice(1), true) : compileLogFilter(text);
}

function Header(props: {
  title: string;
  sources: readonly LogSource[];
  parts: string[];
  evicted: number;
  theme: Theme;
  width: number;
}) {
  const pods = new Set(props.sources.map((s) => `${s.namespace}/${s.pod}`)).size;
  const live = props.sources.filter((s) => s.phase === 'streaming').length;
  return (
    <Box width={props.width} height={1} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color={props.theme.title}>
          logs {props.title}
        </Text>
        <Text color={props.theme.dim}>
          {` · ${pods} pod${pods === 1 ? '' : 's'}, ${live}/${props.sources.length} streams · `}
          {props.parts.filter(Boolean).join(' · ')}
        </Text>
        {props.evicted > 0 ? (
          <Text color={props.theme.warn}>{` · ${props.evicted} older lines evicted`}</Text>
        ) : null}
      </Text>
    </Box>
  );
}

function Row({ row, theme, selected }: { row: LogRow; theme: Theme; selected: boolean }) {
  return (
    <Text wrap="truncate" inverse={selected}>
      {row.pieces.map((p, i) => (
        <Text
          key={i}
          color={p.match ? theme.highlight : p.dim ? theme.dim : p.color}
          inverse={p.match}
          bold={p.match}
        >
          {p.text}
        </Text>
      ))}
    </Text>
  );
}

/** `pod container` in the source's colour; colours come from theme roles so themes and NO_COLOR apply. */
function sourceLabel(
  source: LogSource | undefined,
  index: number,
  theme: Theme,
): { text: string; color?: string } | undefined {
  if (!source) return undefined;
  const palette = [
    theme.health.ok,
    theme.key,
    theme.title,
    theme.health.pending,
    theme.yaml.string,
    theme.yaml.number,
    theme.mark,
    theme.yaml.key,
  ];
  const color = palette[index % palette.length];
  const text = `${source.pod} ${source.container}`;
  return color ? { text, color } : { text };
}

function statusLine(sources: readonly LogSource[], count: number): string {
  const failing = sources.find((s) => s.error && s.phase !== 'streaming');
  if (failing) return `${failing.pod}/${failing.container}: ${failing.error}`;
  if (sources.length === 0) return 'waiting for pods…';
  if (count === 0) return 'no lines yet';
  return 's follow · / filter · t time · w wrap · J json · p previous · C container · 0 tail · 1-4 since · c copy · ctrl-s save';
}

function nextOf(list: readonly string[], current: string | undefined): string | undefined {
  if (list.length < 2) return undefined;
  const i = current === undefined ? -1 : list.indexOf(current);
  return i + 1 >= list.length ? undefined : list[i + 1];
}

/** The whole held log as text, sources named, with a note when older lines were evicted. */
export function logText(buffer: LogBuffer, sources: readonly LogSource[]): string {
  const multi = sources.length > 1;
  const head =
    buffer.evicted > 0
      ? `# ${buffer.evicted} older lines were evicted from kdeck's buffer before this save\n`
      : '';
  const body = buffer
    .slice()
    .map((l) => {
      const s = sources[l.source];
      const prefix = multi && s ? `${s.pod} ${s.container} ` : '';
      return `${l.time ? `${l.time} ` : ''}${prefix}${l.text}\n`;
    })
    .join('');
  return head + body;
}
