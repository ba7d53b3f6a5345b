import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1Secret } from '@kubernetes/client-node';
import { highlightYaml, toYamlView, type YamlSegment } from '../../src/model/yaml-view.js';
import { headlessService } from './render-fixtures.js';

const secret: V1Secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db-pass',
    namespace: 'default',
    creationTimestamp: new Date('2026-01-10T12:00:00Z'),
    managedFields: [{ manager: 'kubectl-create', operation: 'Update' }],
  },
  type: 'Opaque',
  data: {
    username: 'YWRtaW4=',
    password: 'czNjcjN0',
    blob: Buffer.from([0xff, 0xfe, 0x00]).toString('base64'),
  },
};

describe('toYamlView', () => {
  it('prints like kubectl -o yaml: sorted keys, RFC 3339 times, unindented lists, no managedFields', () => {
    const yaml = toYamlView({
      apiVersion: 'v1',
      kind: 'Service',
      ...headlessService,
      metadata: {
        ...headlessService.metadata,
        creationTimestamp: new Date('2026-01-10T07:00:00Z'),
        managedFields: [{ manager: 'x' }],
      },
    });
    assert.equal(
      yaml,
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: 2026-01-10T07:00:00Z',
        '  labels:',
        '    app: nginx',
        '  name: nginx',
        '  namespace: default',
        'spec:',
        '  clusterIP: None',
        '  ports:',
        '  - name: web',
        '    port: 80',
        '    protocol: TCP',
        '  selector:',
        '    app: nginx',
        '  type: ClusterIP',
        '',
      ].join('\n'),
    );
  });
  it('masks Secret data by default', () => {
    const yaml = toYamlView(secret);
    assert.match(yaml, /password: "\*\*\*\*\*\*\*\*"/);
    assert.doesNotMatch(yaml, /czNjcjN0|s3cr3t|managedFields/);
  });
  it('reveals decoded values under a comment saying so; binary stays described', () => {
    const yaml = toYamlView(secret, { revealSecrets: true });
    assert.match(yaml, /# kdeck: values decoded from base64 for display\ndata:\n/);
    assert.match(yaml, /password: s3cr3t\n/);
    assert.match(yaml, /username: admin\n/);
    assert.match(yaml, /blob: <binary, 3 bytes>\n/);
  });
  it('does not touch the object it prints', () => {
    toYamlView(secret);
    assert.equal(secret.data?.password, 'czNjcjN0');
    assert.equal(secret.metadata?.managedFields?.length, 1);
  });
  it('leaves ConfigMap data alone', () => {
    assert.match(
      toYamlView({ apiVersion: 'v1', kind: 'ConfigMap', data: { CM_ENV: 'x' } } as never),
      /CM_ENV: x/,
    );
  });
});

const seg = (line: string) => highlightYaml(line).map((s: YamlSegment) => `${s.role}:${s.text}`);

describe('highlightYaml', () => {
  const cases: [string, string[]][] = [
    ['apiVersion: v1', ['key:apiVersion', 'punct::', 'plain: ', 'string:v1']],
    ['  replicas: 3', ['plain:  ', 'key:replicas', 'punct::', 'plain: ', 'number:3']],
    ['  hostNetwork: true', ['plain:  ', 'key:hostNetwork', 'punct::', 'plain: ', 'bool:true']],
    ['  nodeName: null', ['plain:  ', 'key:nodeName', 'punct::', 'plain: ', 'null:null']],
    ['  port: "80"', ['plain:  ', 'key:port', 'punct::', 'plain: ', 'string:"80"']],
    ['metadata:', ['key:metadata', 'punct::']],
    ['- name: web', ['punct:-', 'plain: ', 'key:name', 'punct::', 'plain: ', 'string:web']],
    ['  - --v=2', ['plain:  ', 'punct:-', 'plain: ', 'string:--v=2']],
    ['# a comment', ['comment:# a comment']],
    ['x: 1 # why', ['key:x', 'punct::', 'plain: ', 'number:1', 'plain: ', 'comment:# why']],
    ['x: "a # b" # c', ['key:x', 'punct::', 'plain: ', 'string:"a # b"', 'plain: ', 'comment:# c']],
    ['  script: |', ['plain:  ', 'key:script', 'punct::', 'plain: ', 'punct:|']],
    ['  labels: {}', ['plain:  ', 'key:labels', 'punct::', 'plain: ', 'punct:{}']],
    ['  image: nginx:latest', ['plain:  ', 'key:image', 'punct::', 'plain: ', 'string:nginx:latest']],
    ['  "a:b": 1', ['plain:  ', 'key:"a:b"', 'punct::', 'plain: ', 'number:1']],
    [
      '  creationTimestamp: 2026-01-10T07:00:00Z',
      ['plain:  ', 'key:creationTimestamp', 'punct::', 'plain: ', 'string:2026-01-10T07:00:00Z'],
    ],
    ['', []],
  ];
  for (const [line, want] of cases) {
    it(JSON.stringify(line), () => {
      assert.deepEqual(seg(line), want);
      assert.equal(
        highlightYaml(line)
          .map((s) => s.text)
          .join(''),
        line,
      );
    });
  }
});
