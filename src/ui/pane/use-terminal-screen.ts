import { useEffect, useState } from 'react';
import type { Terminal, TerminalScreen } from '../../term/terminal.js';

/** Frames per second at most: enough for typing, and a flood of output costs little over SSH. */
const MAX_FPS = 30;

/** The terminal's screen, re-read at most MAX_FPS times a second while output arrives. */
export function useTerminalScreen(terminal: Terminal | undefined): TerminalScreen | undefined {
  const [screen, setScreen] = useState(() => terminal?.screen());
  useEffect(() => {
    setScreen(terminal?.screen());
    if (!terminal) return;
    let timer: NodeJS.Timeout | undefined;
    const off = terminal.onChange(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setScreen(terminal.screen());
      }, 1000 / MAX_FPS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [terminal]);
  return screen;
}
