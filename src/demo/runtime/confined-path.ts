import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, posix, sep } from 'node:path';

/**
 * A folder of this machine shown as a container's whole filesystem: `/` inside is `root` outside,
 * `..` stops at it, and a symlink that leads out of it is refused, so nothing else can be reached.
 */
export class ConfinedPath {
  private readonly realRoot: string;

  constructor(readonly root: string) {
    this.realRoot = realpathSync(root);
  }

  /** The path inside, made absolute and normalised against the working directory. */
  inside(cwd: string, path: string): string {
    return posix.resolve(cwd, path);
  }

  /** The path on this machine for a path inside; throws when a symlink would lead outside. */
  host(cwd: string, path: string): string {
    const p = join(this.realRoot, this.inside(cwd, path));
    // The deepest part that exists decides where a symlink leads; what does not exist yet is created below it.
    let probe = p;
    while (!existsSync(probe) && probe !== this.realRoot) probe = dirname(probe);
    const real = realpathSync(probe);
    if (real !== this.realRoot && !real.startsWith(this.realRoot + sep))
      throw new Error(`${path}: Permission denied (outside the container)`);
    return p;
  }
}
