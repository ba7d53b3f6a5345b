import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** path → [sha256, mode] for every file and directory under root: what a copy must keep. */
export async function treeSnapshot(root: string): Promise<Record<string, [string, number]>> {
  const out: Record<string, [string, number]> = {};
  async function visit(dir: string) {
    for (const name of await readdir(dir)) {
      const p = join(dir, name);
      const st = await stat(p);
      const rel = relative(root, p);
      if (st.isDirectory()) {
        out[rel] = ['dir', st.mode & 0o777];
        await visit(p);
      } else
        out[rel] = [
          createHash('sha256')
            .update(await readFile(p))
            .digest('hex'),
          st.mode & 0o777,
        ];
    }
  }
  await visit(root);
  return out;
}
