import type { PtySession } from '../../term/pty-source.js';
import { Terminal } from '../../term/terminal.js';

/** One session in the pane: its terminal screen, the session feeding it, and how it ended. */
export interface PaneTab {
  id: number;
  title: string;
  kind: 'shell' | 'attach' | 'local';
  terminal: Terminal;
  session: PtySession;
  /** Set when the session ended: the exit code, or null with a message when it failed. */
  exit?: { code: number | null; message?: string };
}

export interface PaneState {
  tabs: readonly PaneTab[];
  activeId: number | undefined;
  /** Keystrokes go to the active session rather than the list. */
  focused: boolean;
  fullScreen: boolean;
  /** Bumps on every change, so React can compare it. */
  revision: number;
}

/**
 * The sessions shown in the pane, as tabs that outlive navigation. A plain state object handed down
 * through props or context; React subscribes to it. Terminal output does not change this state
 * (the pane watches the active terminal itself), so the rest of the UI does not re-render per byte.
 */
export class PaneManager {
  #tabs: PaneTab[] = [];
  #activeId: number | undefined;
  #focused = false;
  #fullScreen = false;
  #revision = 0;
  #nextId = 1;
  #size = { cols: 80, rows: 20 };
  #state: PaneState | undefined;
  readonly #listeners = new Set<() => void>();

  /** Adds a session as the active tab and focuses the pane; its output starts feeding a terminal now. */
  open(title: string, kind: PaneTab['kind'], session: PtySession): PaneTab {
    const terminal = new Terminal({ cols: this.#size.cols, rows: this.#size.rows, scrollback: 2000 });
    const tab: PaneTab = { id: this.#nextId++, title, kind, terminal, session };
    session.onData((d) => void terminal.write(d));
    terminal.onReply((d) => session.write(d));
    session.onExit((code, message) => {
      tab.exit = message === undefined ? { code } : { code, message };
      void terminal.write(`\r\n\x1b[7m ${exitText(tab.exit)} \x1b[0m`);
      // Focus leaves a finished session, so the next keystroke is not lost in it.
      if (this.#activeId === tab.id) this.#focused = false;
      this.#changed();
    });
    session.resize(this.#size.cols, this.#size.rows);
    this.#tabs.push(tab);
    this.#activeId = tab.id;
    this.#focused = tab.exit === undefined;
    this.#changed();
    return tab;
  }

  /** Ends the tab's session (if still running) and removes it. */
  close(id: number): void {
    const i = this.#tabs.findIndex((t) => t.id === id);
    if (i === -1) return;
    const [tab] = this.#tabs.splice(i, 1);
    tab?.session.close();
    tab?.terminal.dispose();
    if (this.#activeId === id) this.#activeId = (this.#tabs[i] ?? this.#tabs[i - 1])?.id;
    if (this.#tabs.length === 0) {
      this.#focused = false;
      this.#fullScreen = false;
    }
    this.#changed();
  }

  closeAll(): void {
    for (const t of [...this.#tabs]) this.close(t.id);
  }

  select(id: number): void {
    if (!this.#tabs.some((t) => t.id === id)) return;
    this.#activeId = id;
    this.#changed();
  }

  /** Moves to the next (1) or previous (-1) tab, wrapping around. */
  cycle(step: 1 | -1): void {
    if (this.#tabs.length === 0) return;
    const i = this.#tabs.findIndex((t) => t.id === this.#activeId);
    const next = this.#tabs[(i + step + this.#tabs.length) % this.#tabs.length];
    if (next) this.select(next.id);
  }

  setFocused(focused: boolean): void {
    const f = focused && this.active !== undefined && this.active.exit === undefined;
    if (f === this.#focused) return;
    this.#focused = f;
    this.#changed();
  }

  toggleFullScreen(): void {
    if (this.#tabs.length === 0) return;
    this.#fullScreen = !this.#fullScreen;
    this.#changed();
  }

  get active(): PaneTab | undefined {
    return this.#tabs.find((t) => t.id === this.#activeId);
  }

  get size(): { cols: number; rows: number } {
    return this.#size;
  }

  /** The screen area sessions draw into; every terminal and remote TTY follows it. */
  resize(cols: number, rows: number): void {
    const c = Math.max(10, Math.floor(cols));
    const r = Math.max(2, Math.floor(rows));
    if (c === this.#size.cols && r === this.#size.rows) return;
    this.#size = { cols: c, rows: r };
    for (const t of this.#tabs) {
      t.terminal.resize(c, r);
      if (!t.exit) t.session.resize(c, r);
    }
  }

  state(): PaneState {
    this.#state ??= {
      tabs: [...this.#tabs],
      activeId: this.#activeId,
      focused: this.#focused,
      fullScreen: this.#fullScreen,
      revision: this.#revision,
    };
    return this.#state;
  }

  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #changed(): void {
    this.#revision++;
    this.#state = undefined;
    for (const fn of this.#listeners) fn();
  }
}

/** What the pane prints when a session ends. */
export function exitText(exit: { code: number | null; message?: string }): string {
  if (exit.code === 0) return 'session ended (exit code 0)';
  if (exit.code !== null) return `session ended with exit code ${exit.code}`;
  return `session failed: ${exit.message ?? 'connection lost'}`;
}
