import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unifiedDiff } from '../../src/model/helm/diff.js';
import type { HelmRelease } from '../../src/model/helm/release.js';
import { revisionDiff } from '../../src/model/helm/revision-diff.js';

const text = (l: { text: string }[]) => l.map((x) => x.text).join('\n');
const labels = { from: 'a', to: 'b' };

describe('unified diff', () => {
  it('writes hunks as diff -u does: 3 lines of context, separate hunks for distant changes', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
    const b = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n';
    // The expected text is GNU diff -u's output for these two files.
    assert.equal(
      text(unifiedDiff(a, b, labels)),
      [
        '--- a',
        '+++ b',
        '@@ -1,5 +1,5 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        ' d',
        ' e',
        '@@ -9,3 +9,4 @@',
        ' i',
        ' j',
        ' k',
        '+l',
      ].join('\n'),
    );
  });

  it('handles additions to and removals from empty texts, and equal texts', () => {
    assert.equal(text(unifiedDiff('', 'x\ny\n', labels)), '--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y');
    assert.equal(text(unifiedDiff('x\ny\n', 'y\n', labels)), '--- a\n+++ b\n@@ -1,2 +1 @@\n-x\n y');
    assert.deepEqual(unifiedDiff('same\n', 'same\n', labels), []);
  });

  it('gives every line a role for colouring', () => {
    const kinds = unifiedDiff('a\nb\n', 'a\nc\n', labels).map((l) => l.kind);
    assert.deepEqual(kinds, ['header', 'header', 'hunk', 'context', 'del', 'add']);
  });
});

describe('revision diff', () => {
  const rev = (version: number, tag: string, password: string): HelmRelease => ({
    name: 'web',
    namespace: 'shop',
    version,
    config: { image: { tag }, db: { password } },
    manifest: `kind: Deployment\nimage: nginx:${tag}\n`,
  });

  it('compares manifests and values of two revisions, secrets masked unless revealed', () => {
    assert.equal(
      text(revisionDiff(rev(1, '1.27', 'a'), rev(2, '1.28', 'b'), 'manifest')),
      '--- web#1 manifest\n+++ web#2 manifest\n@@ -1,2 +1,2 @@\n kind: Deployment\n-image: nginx:1.27\n+image: nginx:1.28',
    );
    const masked = text(revisionDiff(rev(1, '1.27', 'a'), rev(2, '1.27', 'b'), 'values'));
    assert.equal(masked, '');
    const shown = text(revisionDiff(rev(1, '1.27', 'a'), rev(2, '1.27', 'b'), 'values', { reveal: true }));
    assert.match(shown, /- {2}password: a\n\+ {2}password: b/);
  });
});
