import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kdeck, KEYS, startKdeck } from './helpers/kdeck-pty.js';

// A k9s user's habits on the demo cluster: each gets what k9s gives, or a message saying what to use.
describe('k9s habits', () => {
  let k: Kdeck;
  before(async () => {
    k = startKdeck({ args: ['--demo'], cols: 160, rows: 45 });
    await k.waitFor(/webserver\s+1\/1\s+Running/, 30_000);
  });
  after(async () => {
    await k?.stop();
  });
  const command = async (text: string) => {
    k.press(':');
    await k.type(text);
    k.press(KEYS.enter);
  };

  it(':pods /crash opens the list filtered; one row is "1 row"', async () => {
    await command('cronjobs');
    await k.waitFor(/ 1 row$/m);
    await command('pods /crashy');
    const s = await k.waitFor(/filter \/crashy\//);
    assert.doesNotMatch(s, /webserver/);
    assert.match(s, /crashy/);
  });

  it('- returns to the last view, and again to the one after', async () => {
    await command('svc');
    await k.waitFor(/NAME\s+TYPE\s+CLUSTER-IP/);
    k.press('-');
    await k.waitFor(/filter \/crashy\//);
    k.press('-');
    await k.waitFor(/NAME\s+TYPE\s+CLUSTER-IP/);
  });

  it('ctrl-z shows only the rows that are not Running, Ready or Completed', async () => {
    await command('pods');
    await k.waitFor(/webserver\s+1\/1\s+Running/);
    k.press('\x1a');
    const s = await k.waitFor('faulty only');
    assert.doesNotMatch(s, /webserver/);
    assert.match(s, /hungry\s+0\/1\s+Pending/);
    k.press('\x1a');
    await k.waitFor(/webserver\s+1\/1\s+Running/);
  });

  it('a k9s key kdeck lacks answers with what to use instead', async () => {
    k.press('J');
    await k.waitFor(/shift-j: no owner jump yet/);
    k.press('Z');
    await k.waitFor(/shift-z: not a key of this view — \? lists them/);
  });

  it('did you mean only suggests close names, and the message does not follow into the next view', async () => {
    await command('pulses');
    let s = await k.waitFor(/no resource named "pulses"/);
    assert.doesNotMatch(s, /did you mean/);
    await command('pdos');
    s = await k.waitFor(/no resource named "pdos" — did you mean pods/);
    await command('deploy');
    await k.waitFor(/NAME\s+READY\s+UP-TO-DATE/);
    s = await k.waitForGone(/no resource named/);
  });

  it(":events has kubectl's columns with COUNT and FIRST SEEN, newest first", async () => {
    await command('events');
    const s = await k.waitFor(/LAST SEEN↑\s+TYPE\s+REASON\s+OBJECT\s+COUNT\s+FIRST SEEN\s+MESSAGE/);
    const seconds = (age: string) => {
      const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(age);
      return m ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : Number.POSITIVE_INFINITY;
    };
    const ages = s
      .split('\n')
      .filter((l) => /^\s{2}\S+\s+(Normal|Warning)\s/.test(l))
      .map((l) => seconds(l.trim().split(/\s+/)[0]!));
    assert.ok(ages.length > 2, s);
    assert.deepEqual(
      ages,
      [...ages].sort((a, b) => a - b),
      'newest first',
    );
  });

  it("the breadcrumb shows a command's selector, the header the namespace of the list on screen", async () => {
    await command('pods app=nginx');
    await k.waitFor(/^ pods app=nginx$/m);
    await command('deploy');
    await k.waitFor(/NAME\s+READY\s+UP-TO-DATE/);
    k.press('g');
    k.press(KEYS.enter);
    await k.waitFor(/^ deploy {2}deployment\/test$/m);
    const s = await k.waitFor(/ns default/);
    assert.match(s, /ns default/);
    await command('svc -A');
    await k.waitFor(/ns all namespaces/);
  });
});

describe('at 80x24', () => {
  let k: Kdeck;
  before(async () => {
    k = startKdeck({ args: ['--demo', '-A'], cols: 80, rows: 24 });
    await k.waitFor(/webserver\s+1\/1\s+Running/, 30_000);
  });
  after(async () => {
    await k?.stop();
  });

  it('with all namespaces, NAME shrinks before STATUS, RESTARTS or AGE are cut', async () => {
    const s = await k.waitFor(/NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    const rows = s.split('\n').filter((l) => /^\s{2}\S+\s+\S+\s+\d+\/\d+\s/.test(l));
    assert.ok(
      rows.some((l) => l.includes('…')),
      `a long name is cut:\n${s}`,
    );
    for (const l of rows) assert.doesNotMatch(l.replace(/^.*?\d+\/\d+/, ''), /…/, l);
  });
});
