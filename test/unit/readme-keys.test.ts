import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { withKeys } from '../../scripts/gen-keys-doc.js';

it('README documents exactly the keys the help screen shows (npm run docs:keys regenerates it)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.equal(readme, withKeys(readme));
});
