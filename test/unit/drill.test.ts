import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drillTarget } from '../../src/model/drill.js';

describe('enter drills down like kubectl would select', () => {
  it('namespace → its pods', () => {
    assert.deepEqual(drillTarget({ kind: 'Namespace', metadata: { name: 'shop' } }), {
      resource: 'pods',
      namespaces: ['shop'],
      title: 'ns/shop',
    });
  });
  it('node → pods on it, in every namespace', () => {
    assert.deepEqual(drillTarget({ kind: 'Node', metadata: { name: 'w1' } }), {
      resource: 'pods',
      namespaces: 'all',
      fieldSelector: 'spec.nodeName=w1',
      title: 'node/w1',
    });
  });
  it('deployment → pods by its selector, expressions included', () => {
    const dep = {
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }],
        },
      },
    };
    assert.deepEqual(drillTarget(dep), {
      resource: 'pods',
      namespaces: ['default'],
      labelSelector: 'app=web,tier in (be,fe)',
      title: 'deployment/web',
    });
  });
  it('service → the pods it selects; a selector-less service drills nowhere', () => {
    assert.equal(
      drillTarget({
        kind: 'Service',
        metadata: { name: 's', namespace: 'd' },
        spec: { selector: { app: 'a' } },
      } as never)?.labelSelector,
      'app=a',
    );
    assert.equal(
      drillTarget({ kind: 'Service', metadata: { name: 's', namespace: 'd' }, spec: {} } as never),
      undefined,
    );
  });
  it('pod → its containers', () => {
    assert.equal(
      drillTarget({ kind: 'Pod', metadata: { name: 'p', namespace: 'd' } })?.resource,
      'containers',
    );
  });
});
