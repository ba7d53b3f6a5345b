/** Puts the terminal into kdeck's state and promises to put it back, whatever way the process ends. */
export class TerminalGuard {
  private active = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly input: NodeJS.ReadStream,
  ) {}

  enter(): void {
    if (this.active) return;
    this.active = true;
    // Alternate screen, hidden cursor, cleared: the user's scrollback stays untouched. Autowrap off, so a
    // frame drawn for a wider terminal (mid-resize) is clipped at the edge instead of scrolling the screen.
    this.out.write('\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[H\x1b[2J');
  }

  /** Idempotent and synchronous, so it also works from exit and signal handlers. */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    try {
      if (this.input.isTTY && this.input.isRaw) this.input.setRawMode(false);
    } catch {
      // stdin may already be closed (SIGHUP): the escape sequences below still matter.
    }
    this.out.write('\x1b[?2004l\x1b[0m\x1b[?7h\x1b[?25h\x1b[?1049l');
  }

  /** Restores on exit, SIGTERM, SIGHUP, SIGINT and crashes; onSignal ends the app. */
  install(onSignal: (signal: NodeJS.Signals) => void): void {
    process.on('exit', () => this.restore());
    for (const sig of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
      process.on(sig, () => {
        this.restore();
        onSignal(sig);
      });
    }
    const crash = (err: unknown) => {
      this.restore();
      process.stderr.write(
        `kdeck crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(70);
    };
    process.on('uncaughtException', crash);
    process.on('unhandledRejection', crash);
  }
}
