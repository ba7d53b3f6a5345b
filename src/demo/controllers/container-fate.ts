import type { V1Container } from '@kubernetes/client-node';

/** How a demo container ends: after runMs with exitCode; undefined when it runs until stopped. */
export interface ContainerFate {
  exitCode: number;
  runMs: number;
}

/**
 * Reads what a container would do from its command, since the demo runs no images: `... exit N` exits
 * with N, `sleep N` lasts N seconds, and a container of a run-to-completion pod or an init container ends
 * with 0. Everything else (nginx, fluentd) runs until stopped.
 */
export function containerFate(c: V1Container, runsToCompletion: boolean): ContainerFate | undefined {
  const script = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  const exit = /\bexit\s+(\d+)\s*[;"']?\s*$/.exec(script);
  const sleep = /\bsleep\s+(\d+)/.exec(script);
  const runMs = sleep ? Number(sleep[1]) * 1000 : runsToCompletion ? 4000 : 2000;
  if (exit) return { exitCode: Number(exit[1]), runMs };
  if (runsToCompletion) return { exitCode: 0, runMs };
  if (sleep && !/\b(while|until|for)\b/.test(script)) return { exitCode: 0, runMs };
  return undefined;
}
