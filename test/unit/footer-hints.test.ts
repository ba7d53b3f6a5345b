import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { footerHints } from '../../src/ui/keys/footer-hints.js';

describe('footer hints', () => {
  it('list the keys of the view on screen: no drill or describe in logs and YAML', () => {
    assert.match(footerHints('resources', 160), /enter drill {2}d describe/);
    for (const v of ['logs', 'yaml', 'describe'] as const) {
      assert.doesNotMatch(footerHints(v, 160), /drill|describe/);
      assert.match(footerHints(v, 160), /esc back/);
    }
    assert.match(footerHints('logs', 160), /s follow/);
  });

  it('drop the least needed hints to fit, never cutting one', () => {
    const narrow = footerHints('resources', 50);
    assert.ok(narrow.length <= 50, narrow);
    assert.match(narrow, /: command/);
    assert.match(narrow, /\? help/);
    assert.doesNotMatch(narrow, /…|ctrl-c$/);
    assert.doesNotMatch(narrow, /ctrl-c quit/);
  });
});
