import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { ApiError, badRequest } from '../apiserver/errors.js';
import type { LogOptions } from '../apiserver/pod-runtime.js';
import {
  crashLines,
  finalLines,
  hash,
  type LogStyle,
  lineAt,
  startupLength,
  styleOf,
  writesSteadily,
} from './log-lines.js';

/** One run of a container: what its log covers, read from the pod's container status. */
export interface ContainerRun {
  startMs: number;
  endMs?: number;
  exitCode?: number;
  seed: number;
  style: LogStyle;
  pod: string;
}

export interface LogLine {
  ms: number;
  text: string;
}

/** A container log keeps its last lines only, like the kubelet's log rotation. */
const MAX_LINES = 10_000;
const STARTUP_STEP_MS = 40;

function parse(t: unknown): number | undefined {
  if (t === undefined || t === null) return undefined;
  const ms = t instanceof Date ? t.getTime() : Date.parse(String(t));
  return Number.isNaN(ms) ? undefined : ms;
}

function intervalOf(run: ContainerRun): number {
  return 1500 + (run.seed % 3500);
}

function lineMs(run: ContainerRun, n: number): number {
  const s = startupLength(run.style);
  return n < s
    ? run.startMs + n * STARTUP_STEP_MS
    : run.startMs + s * STARTUP_STEP_MS + (n - s) * intervalOf(run);
}

/** How many lines the run has written by time ms. */
function countAt(run: ContainerRun, ms: number): number {
  const end = Math.min(ms, run.endMs ?? ms);
  if (end < run.startMs) return 0;
  const s = startupLength(run.style);
  const base = run.startMs + s * STARTUP_STEP_MS;
  if (end < base) return Math.floor((end - run.startMs) / STARTUP_STEP_MS) + 1;
  if (!writesSteadily(run.style)) return s;
  return s + Math.floor((end - base) / intervalOf(run)) + 1;
}

/** Lines written after fromMs (exclusive) up to untilMs, oldest first, at most the last MAX_LINES. */
export function linesBetween(run: ContainerRun, fromMs: number, untilMs: number): LogLine[] {
  const first = Math.max(countAt(run, fromMs), countAt(run, untilMs) - MAX_LINES);
  const total = countAt(run, untilMs);
  const out: LogLine[] = [];
  for (let n = first; n < total; n++) {
    const ms = lineMs(run, n);
    out.push({ ms, text: lineAt(run.style, run.seed, n, ms, run.pod, run.startMs) });
  }
  if (run.endMs !== undefined && run.endMs > fromMs && run.endMs <= untilMs) {
    const last = run.exitCode ? crashLines(run.style, run.endMs, run.exitCode) : finalLines(run.style);
    for (const text of last) out.push({ ms: run.endMs, text });
  }
  return out;
}

export function linesOf(run: ContainerRun, untilMs: number): LogLine[] {
  return linesBetween(run, run.startMs - 1, untilMs);
}

function statusOf(pod: V1Pod, container: string): V1ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (s) => s.name === container,
  );
}

function styleFor(pod: V1Pod, container: string): LogStyle {
  const init = pod.spec?.initContainers?.find((c) => c.name === container);
  const c = init ?? pod.spec?.containers.find((x) => x.name === container);
  return styleOf(c?.image ?? '', [...(c?.command ?? []), ...(c?.args ?? [])], init !== undefined);
}

function runFrom(
  pod: V1Pod,
  container: string,
  state: V1ContainerStatus['state'],
  restart: number,
): ContainerRun | undefined {
  const running = state?.running;
  const term = state?.terminated;
  const startMs = parse(running?.startedAt ?? term?.startedAt);
  if (startMs === undefined) return undefined;
  return {
    startMs,
    endMs: term ? (parse(term.finishedAt) ?? startMs) : undefined,
    exitCode: term?.exitCode,
    seed: hash(`${pod.metadata?.uid}/${container}/${restart}`),
    style: styleFor(pod, container),
    pod: pod.metadata?.name ?? '',
  };
}

/** The run a log request reads: the current (or last finished) one, or with previous the one before. */
export function runFor(pod: V1Pod, container: string, previous: boolean): ContainerRun {
  const cs = statusOf(pod, container);
  const podName = pod.metadata?.name;
  const restarts = cs?.restartCount ?? 0;
  if (previous) {
    const run = cs ? runFrom(pod, container, cs.lastState, restarts - 1) : undefined;
    if (!run) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return run;
  }
  const run = cs
    ? (runFrom(pod, container, cs.state, restarts) ?? runFrom(pod, container, cs.lastState, restarts - 1))
    : undefined;
  if (!run) {
    const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
    throw new ApiError(
      400,
      'BadRequest',
      `container "${container}" in pod "${podName}" is waiting to start: ${reason}`,
    );
  }
  return run;
}

/** The same run, as identified across pod updates. */
export function sameRun(a: ContainerRun, b: ContainerRun | undefined): boolean {
  return b !== undefined && a.seed === b.seed && a.startMs === b.startMs;
}

function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

export function formatLine(l: LogLine, timestamps: boolean): string {
  return timestamps ? `${rfc3339Nano(l.ms)} ${l.text}\n` : `${l.text}\n`;
}

/** The lines a request selects by sinceSeconds/sinceTime and tailLines, at time now. */
export function selectLines(run: ContainerRun, opts: LogOptions, now: number): LogLine[] {
  let lines = linesOf(run, now);
  const sinceMs =
    opts.sinceSeconds !== undefined
      ? now - opts.sinceSeconds * 1000
      : opts.sinceTime
        ? Date.parse(opts.sinceTime)
        : undefined;
  if (sinceMs !== undefined && !Number.isNaN(sinceMs)) lines = lines.filter((l) => l.ms >= sinceMs);
  if (opts.tailLines !== undefined && opts.tailLines >= 0)
    lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  return lines;
}
