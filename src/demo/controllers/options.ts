/** Knobs shared by the demo's control loops. */
export interface ControllerOptions {
  /** Multiplies every delay (image pulls, back-offs, heartbeats); tests use a small value to run fast. */
  timeScale?: number;
}

/** A kubelet- or controller-like delay of ms, scaled by the options. */
export function scaled(opts: ControllerOptions, ms: number): number {
  return Math.max(1, Math.round(ms * (opts.timeScale ?? 1)));
}
