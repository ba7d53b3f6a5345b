import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSelection, rowId } from '../../src/model/selection.js';
import type { Row } from '../../src/model/table.js';

const row = (name: string, uid?: string): Row => ({
  key: `default/${name}`,
  name,
  namespace: 'default',
  cells: [name],
  health: 'neutral',
  object: uid ? { metadata: { name, namespace: 'default', uid } } : undefined,
});

const nodes = ['control-plane', 'worker-1', 'worker-2', 'worker-3'].map((n) => row(n, `uid-${n}`));

describe('resolveSelection', () => {
  it('keeps the chosen object wherever a re-sort or a watch update moved it', () => {
    const resorted = [nodes[2]!, nodes[0]!, nodes[3]!, nodes[1]!];
    assert.equal(resolveSelection(resorted, 'uid-worker-2', { rows: nodes, index: 2 }), 0);
    assert.equal(resolveSelection(resorted, 'uid-worker-1', { rows: nodes, index: 1 }), 3);
  });

  it('goes to the next row of the previous order when the chosen one disappears, not the first', () => {
    const without = [nodes[0]!, nodes[1]!, nodes[3]!];
    assert.equal(resolveSelection(without, 'uid-worker-2', { rows: nodes, index: 2 }), 2);
    // Its neighbours re-sorted meanwhile: the neighbour is found by identity, not by index.
    const moved = [nodes[3]!, nodes[0]!, nodes[1]!];
    assert.equal(resolveSelection(moved, 'uid-worker-2', { rows: nodes, index: 2 }), 0);
  });

  it('falls back to the previous neighbour when the last rows went', () => {
    assert.equal(resolveSelection(nodes.slice(0, 2), 'uid-worker-3', { rows: nodes, index: 3 }), 1);
  });

  it('a deleted object recreated under its name (a StatefulSet pod) keeps the cursor', () => {
    const recreated = [nodes[0]!, nodes[1]!, nodes[3]!, row('worker-2', 'uid-new')];
    assert.equal(resolveSelection(recreated, 'uid-worker-2', { rows: nodes, index: 2 }), 3);
    assert.equal(rowId(recreated[3]!), 'uid-new');
  });

  it('clamps to the same index when nothing of the previous rows survives', () => {
    const fresh = ['a', 'b'].map((n) => row(n, n));
    assert.equal(resolveSelection(fresh, 'uid-worker-3', { rows: nodes, index: 3 }), 1);
    assert.equal(resolveSelection([], 'x', { rows: nodes, index: 3 }), 0);
  });

  it('starts on the first row, and uses the key for rows without a uid (server tables)', () => {
    assert.equal(resolveSelection(nodes, undefined, undefined), 0);
    const plain = [row('a'), row('b')];
    assert.equal(resolveSelection(plain, 'default/b', undefined), 1);
  });
});
