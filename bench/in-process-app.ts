// The real App under Ink with kdeck's FrameWriter and KeyInput, as src/app/cli.ts mounts them, in this process,
// against a cluster in another. No pty or xterm between key and frame, so the figures are kdeck's own and
// --cpu-prof shows where they go. The profiles import this after setting V8 flags and NODE_ENV.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { render } from 'ink';
import { createElement } from 'react';
import { loadConfig } from '../src/app/load-config.js';
import { loadKubeconfig, withContext } from '../src/kube/kubeconfig.js';
import { RequestLog } from '../src/kube/request-log.js';
import { Session } from '../src/session/session.js';
import { FrameWriter } from '../src/term/frame-writer.js';
import { KeyInput } from '../src/term/key-input.js';
import { App } from '../src/ui/App.js';
import { useKdeckFeatures } from '../src/ui/features.js';
import type { Route } from '../src/ui/router.js';
import { loadTheme } from '../src/ui/theme.js';

/** A terminal that is only a size: the FrameWriter's output goes nowhere, its line table is the screen. */
class FakeTty extends EventEmitter {
  readonly isTTY = true;
  constructor(
    readonly columns: number,
    readonly rows: number,
    private readonly onWrite: () => void,
  ) {
    super();
  }
  write(_s: string): boolean {
    this.onWrite();
    return true;
  }
}

/** A stdin that is a TTY: keys are pushed as the terminal would send them. */
class FakeStdin extends PassThrough {
  readonly isTTY = true;
  isRaw = false;
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
}

export interface InProcessApp {
  press(keys: string): void;
  /** Resolves when the screen (plain text lines) passes `test`, checked at every write. */
  until(test: (lines: string[]) => boolean, timeoutMs?: number): Promise<void>;
  screen(): string[];
  /** Writes to the terminal so far: one per frame the FrameWriter sent. */
  writes(): number;
  /** Ink renders so far and the time they took. */
  renders(): { count: number; ms: number };
  stop(): void;
}

export function mountInProcess(opts: {
  kubeconfig: string;
  route: Route;
  cols: number;
  rows: number;
  fps: number;
}): InProcessApp {
  const loaded = loadKubeconfig({ file: opts.kubeconfig, env: {} });
  if (loaded.kind !== 'loaded') throw new Error(`${opts.kubeconfig}: unreadable kubeconfig`);
  const kc = loaded.kc;
  const requestLog = new RequestLog();
  const makeSession = (context: string) => new Session(withContext(kc, context), requestLog);
  const session = makeSession(kc.getCurrentContext());

  let writes = 0;
  let waiting: { test: (lines: string[]) => boolean; resolve: () => void } | undefined;
  const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trimEnd();
  const screen = () => (frames as unknown as { previous: string[] }).previous.map(plain);
  const tty = new FakeTty(opts.cols, opts.rows, () => {
    writes++;
    if (waiting?.test(screen())) {
      const w = waiting;
      waiting = undefined;
      w.resolve();
    }
  });
  const stdin = new FakeStdin();
  const frames = new FrameWriter(tty as unknown as NodeJS.WriteStream);

  let renders = 0;
  let renderMs = 0;
  const app = render(
    createElement(App, {
      kc,
      initialSession: session,
      makeSession,
      requestLog,
      config: loadConfig({ XDG_CONFIG_HOME: '/nonexistent' }).config,
      theme: loadTheme('dark'),
      readOnly: false,
      demo: false,
      initialRoute: opts.route,
      initialNamespace: 'default',
      warnings: [],
      onExit: () => undefined,
      useFeatures: useKdeckFeatures,
    }),
    {
      stdout: frames as unknown as NodeJS.WriteStream,
      stdin: new KeyInput(stdin as unknown as NodeJS.ReadStream) as unknown as NodeJS.ReadStream,
      exitOnCtrlC: false,
      maxFps: opts.fps,
      patchConsole: false,
      onRender: ({ renderTime }: { renderTime: number }) => {
        renders++;
        renderMs += renderTime;
      },
    },
  );

  return {
    press: (keys) => void stdin.write(keys),
    until(test, timeoutMs = 120_000) {
      if (test(screen())) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out; screen:\n${screen().join('\n')}`)),
          timeoutMs,
        );
        waiting = {
          test,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      });
    },
    screen,
    writes: () => writes,
    renders: () => ({ count: renders, ms: renderMs }),
    stop() {
      app.unmount();
      session.dispose();
    },
  };
}
