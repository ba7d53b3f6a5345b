import type { Duplex, Readable } from 'node:stream';
import type { V1Pod } from '@kubernetes/client-node';

/** The query of GET pods/{name}/log, validated by the API server. */
export interface LogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339; sinceSeconds wins when both are given, as on a real server. */
  sinceTime?: string;
  limitBytes?: number;
}

/** The query of pods/{name}/exec and pods/{name}/attach. */
export interface ExecOptions {
  container: string;
  /** Empty for attach: the container's main process. */
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** How a process ended: code 0 is success; `message` explains a failure to start. */
export interface ExecExit {
  code: number;
  message?: string;
}

/** A running exec or attach: bytes in and out, resize, and one exit report. */
export interface ExecSession {
  write(data: Buffer): void;
  /** The client closed stdin (the v5 close frame, or the end of input). */
  endInput(): void;
  resize(cols: number, rows: number): void;
  onStdout(fn: (data: Buffer) => void): void;
  onStderr(fn: (data: Buffer) => void): void;
  onExit(fn: (exit: ExecExit) => void): void;
  /** The client went away: stop the process. */
  kill(): void;
}

/**
 * What the API server needs from the node side (the kubelet's part): container logs, processes in
 * containers, and connections to pod ports. Methods throw ApiError values (e.g. 400 BadRequest for a
 * container that is not running) before anything is streamed.
 */
export interface PodRuntime {
  logs(pod: V1Pod, opts: LogOptions, signal: AbortSignal): Readable;
  exec(pod: V1Pod, opts: ExecOptions): ExecSession;
  attach(pod: V1Pod, opts: ExecOptions): ExecSession;
  /** A connection to port on the pod, as the kubelet opens one inside the pod's network namespace. */
  portForward(pod: V1Pod, port: number): Promise<Duplex>;
  close(): Promise<void>;
}
