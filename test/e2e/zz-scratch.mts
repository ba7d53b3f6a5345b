import { KEYS, startKdeck } from './helpers/kdeck-pty.ts';

const k = startKdeck({
  args: ['--demo'],
  env: { K9S_CONFIG_DIR: '/work/wt/k9sconfig/test/e2e/fixtures/k9s', COLORTERM: 'truecolor' },
  cols: 150,
  rows: 34,
});
try {
  const s = await k.waitFor(/webserver/, 30000);
  console.log(s);
  console.log('header colour', k.colourOf('NAME'), 'sel bg', k.colourOf('zzz'));
  k.press('@');
  console.log(await k.waitFor(/WANTED/, 5000));
  k.press(':');
  await k.type('config');
  k.press(KEYS.enter);
  console.log(await k.waitFor(/ignored/, 5000));
} catch (e) {
  console.log(String(e));
}
await k.stop();
