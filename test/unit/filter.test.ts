import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFilter, parseFilter } from '../../src/model/filter.js';
import type { Row } from '../../src/model/table.js';

const row = (namespace: string, name: string, status: string, extra = ''): Row => ({
  key: `${namespace}/${name}`,
  namespace,
  name,
  cells: [name, '1/1', status, extra],
  health: 'ok',
});

const rows = [
  row('default', 'webserver', 'Running', '10.244.1.7'),
  row('default', 'crashy', 'CrashLoopBackOff', '10.244.2.9'),
  row('default', 'web-0', 'Running', '10.244.1.8'),
  row('kube-system', 'fluentd-elasticsearch-x7k2p', 'Running', '10.244.0.4'),
  row('default', 'stuck', 'Pending', '<none>'),
];
const names = (rs: Row[]) => rs.map((r) => r.name);

describe('parseFilter', () => {
  it('plain text is a case-insensitive regex', () => {
    const spec = parseFilter('WEB');
    assert.equal(spec.kind, 'regex');
    assert.deepEqual(names(applyFilter(rows, spec)), ['webserver', 'web-0']);
  });
  it('regex syntax works across cells', () => {
    assert.deepEqual(names(applyFilter(rows, parseFilter('^web.*running'))), ['webserver', 'web-0']);
    assert.deepEqual(names(applyFilter(rows, parseFilter('crash|pending'))), ['crashy', 'stuck']);
  });
  it('! inverts', () => {
    assert.deepEqual(names(applyFilter(rows, parseFilter('!Running'))), ['crashy', 'stuck']);
  });
  it('an invalid regex falls back to a literal match and says why', () => {
    const spec = parseFilter('web(');
    assert.equal(spec.kind, 'regex');
    assert.ok(spec.kind === 'regex' && spec.error && /literally/.test(spec.error));
    const withParen = [...rows, row('default', 'odd-web(1)', 'Running')];
    assert.deepEqual(names(applyFilter(withParen, spec)), ['odd-web(1)']);
  });
  it('literal fallback escapes regex metacharacters', () => {
    assert.deepEqual(names(applyFilter(rows, parseFilter('10.244.1.[8'))), []);
  });
  it('-l is a label selector for the server: parsed, rows untouched', () => {
    const spec = parseFilter('-l app=web,tier in (frontend)');
    assert.equal(spec.kind, 'labels');
    assert.ok(
      spec.kind === 'labels' && spec.selector === 'app=web,tier in (frontend)' && spec.parsed.length === 2,
    );
    assert.equal(applyFilter(rows, spec).length, rows.length);
  });
  it('-l with a bad selector is invalid with the parser message', () => {
    const spec = parseFilter('-l app in web');
    assert.ok(spec.kind === 'invalid' && /expected "\("/.test(spec.error));
    assert.equal(parseFilter('-l').kind, 'invalid');
  });
  it('-f is fuzzy, best match first', () => {
    const spec = parseFilter('-f flntd');
    assert.equal(spec.kind, 'fuzzy');
    assert.deepEqual(names(applyFilter(rows, spec)), ['fluentd-elasticsearch-x7k2p']);
  });
  it('empty input, bare ! and bare -f keep everything', () => {
    for (const input of ['', '   ', '!', '-f', '-f  ']) {
      assert.equal(parseFilter(input).kind, 'all', input);
      assert.equal(applyFilter(rows, parseFilter(input)).length, rows.length);
    }
  });
  it('a filter starting with - but no flag is a regex', () => {
    assert.deepEqual(names(applyFilter(rows, parseFilter('-0'))), ['web-0']);
  });
});

describe('applyFilter scope', () => {
  it('ignores hidden columns', () => {
    const spec = parseFilter('10\\.244\\.1\\.');
    assert.deepEqual(names(applyFilter(rows, spec)), ['webserver', 'web-0']);
    assert.deepEqual(names(applyFilter(rows, spec, { visible: [true, true, true, false] })), []);
  });
  it('matches the namespace only when asked', () => {
    const spec = parseFilter('kube-system');
    assert.deepEqual(names(applyFilter(rows, spec)), []);
    assert.deepEqual(names(applyFilter(rows, spec, { namespace: true })), ['fluentd-elasticsearch-x7k2p']);
  });
  it('returns a new array and keeps order', () => {
    const out = applyFilter(rows, parseFilter('.'));
    assert.notEqual(out, rows);
    assert.deepEqual(out, rows);
  });
});
