import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_THEMES, loadTheme, withColours } from '../../src/ui/theme.js';

test('every shipped theme (the converted k9s skins too) sets every colour key', () => {
  const dark = loadTheme('dark');
  for (const name of BUILTIN_THEMES) {
    const t = loadTheme(name);
    assert.equal(t.name, name);
    const flat = { ...t, health: undefined, yaml: undefined, name: undefined };
    for (const [k, v] of Object.entries({ ...flat, ...t.health, ...t.yaml }))
      if (v !== undefined) assert.match(String(v), /^(#[0-9a-f]{6}|[a-zA-Z]+|)$/, `${name}.${k}`);
    assert.deepEqual(Object.keys(t.health).sort(), Object.keys(dark.health).sort(), name);
    assert.deepEqual(Object.keys(t.yaml).sort(), Object.keys(dark.yaml).sort(), name);
  }
});

test("a skin's colours go over the theme; what it leaves out stays", () => {
  const dark = loadTheme('dark');
  const t = withColours(dark, { border: '#1e90ff', health: { error: '#ff0000' } }, 'k9s skin x');
  assert.equal(t.border, '#1e90ff');
  assert.equal(t.health.error, '#ff0000');
  assert.equal(t.health.ok, dark.health.ok);
  assert.equal(t.title, dark.title);
  assert.equal(t.name, 'k9s skin x');
});
