import { render } from 'ink';
import { createElement, type FunctionComponent } from 'react';
import { FrameWriter } from '../term/frame-writer.js';
import { KeyInput } from '../term/key-input.js';
import { App, type AppProps } from './App.js';
import { useKdeckFeatures } from './features.js';
import { StartupError, type StartupErrorProps } from './views/StartupError.js';

/** Frames written per second at most: a terminal's refresh rate; what typing needs, bounded for SSH. */
const FRAME_CAP = 60;

export interface Mounted {
  /** Unmounts and writes the last frame (before the terminal is restored). */
  unmount(): void;
  /** Writes nothing more to the terminal (it was restored by a signal handler). */
  silence(): void;
}

/**
 * Renders a component under Ink on the real terminal: Ink writes whole frames to the FrameWriter, which
 * sends only the lines that changed and is the frame cap (Ink's own would hold a keystroke's frame back);
 * keys reach Ink one at a time through KeyInput.
 */
function mount<P extends object>(component: FunctionComponent<P>, props: P, patchConsole: boolean): Mounted {
  const frames = new FrameWriter(process.stdout, { maxFps: FRAME_CAP });
  const app = render(createElement(component, props), {
    stdout: frames as unknown as NodeJS.WriteStream,
    stdin: new KeyInput(process.stdin) as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    maxFps: 0,
    patchConsole,
  });
  return {
    unmount: () => {
      app.unmount();
      frames.flush();
    },
    silence: () => frames.close(),
  };
}

export function mountApp(props: Omit<AppProps, 'useFeatures'>): Mounted {
  return mount(App, { ...props, useFeatures: useKdeckFeatures }, true);
}

export function mountStartupError(props: StartupErrorProps): Mounted {
  return mount(StartupError, props, false);
}
