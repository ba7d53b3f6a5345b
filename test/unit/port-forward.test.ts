import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import type { Reader } from '../../src/kube/actions/gate.js';
import { PortForwards, parsePorts } from '../../src/kube/actions/port-forward.js';
import { KubeError } from '../../src/kube/kube-error.js';

/** An API server stand-in speaking the portforward framing: port first, then data upper-cased back. */
function fakeApi() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const listening = new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const asked: string[] = [];
  wss.on('connection', (ws, req) => {
    asked.push(req.url ?? '');
    const port = Buffer.alloc(2);
    port.writeUInt16LE(80);
    ws.send(Buffer.concat([Buffer.from([0]), port]));
    ws.send(Buffer.concat([Buffer.from([1]), port]));
    ws.on('message', (data: Buffer) => {
      const text = data.subarray(1).toString();
      if (text === 'fail\n')
        ws.send(Buffer.concat([Buffer.from([1]), Buffer.from('connection refused in pod')]));
      else ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(text.toUpperCase())]));
    });
  });
  const reader: Reader = {
    get: () => Promise.reject(new Error('unused')),
    list: () => Promise.reject(new Error('unused')),
    portForward: async (ns, pod, port) => {
      await listening;
      return new Promise((resolve, reject) => {
        const addr = wss.address() as net.AddressInfo;
        const ws = new WebSocket(
          `ws://127.0.0.1:${addr.port}/api/v1/namespaces/${ns}/pods/${pod}/portforward?ports=${port}`,
        );
        ws.once('open', () => {
          // As KubeClient.websocket does: paused, so the port preamble waits for the listeners.
          ws.pause();
          resolve(ws);
        });
        ws.once('error', reject);
      });
    },
  };
  return { wss, reader, asked };
}

function talk(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(line));
    sock.once('data', (d) => {
      resolve(d.toString());
      sock.end();
    });
    sock.once('error', reject);
  });
}

describe('port-forward', () => {
  const api = fakeApi();
  const forwards = new PortForwards();
  after(async () => {
    await forwards.stopAll();
    api.wss.close();
  });

  it('forwards each TCP connection through its own websocket, dropping the port preamble', async () => {
    const fwd = await forwards.start(api.reader, {
      namespace: 'default',
      pod: 'nginx',
      podPort: 80,
      localPort: 0,
    });
    assert.ok(fwd.localPort > 0);
    assert.equal(await talk(fwd.localPort, 'hello\n'), 'HELLO\n');
    assert.equal(await talk(fwd.localPort, 'again\n'), 'AGAIN\n');
    assert.deepEqual(
      api.asked,
      [
        '/api/v1/namespaces/default/pods/nginx/portforward?ports=80',
        '/api/v1/namespaces/default/pods/nginx/portforward?ports=80',
        '/api/v1/namespaces/default/pods/nginx/portforward?ports=80',
      ],
      'the handshake at start, then one websocket per connection',
    );
    const listed = forwards.list().find((f) => f.id === fwd.id);
    assert.equal(listed?.bytesOut, 12);
    assert.equal(listed?.bytesIn, 12);
  });

  it('shows the error channel on the forward and stops on request', async () => {
    const fwd = await forwards.start(api.reader, {
      namespace: 'default',
      pod: 'nginx',
      podPort: 80,
      localPort: 0,
    });
    let changes = 0;
    const unsubscribe = forwards.subscribe(() => changes++);
    const sock = net.connect(fwd.localPort, '127.0.0.1', () => sock.write('fail\n'));
    await new Promise<void>((resolve) => {
      const check = forwards.subscribe(() => {
        if (forwards.list().find((f) => f.id === fwd.id)?.lastError) {
          check();
          resolve();
        }
      });
    });
    assert.equal(forwards.list().find((f) => f.id === fwd.id)?.lastError, 'connection refused in pod');
    await forwards.stop(fwd.id);
    unsubscribe();
    assert.ok(changes > 0);
    assert.equal(
      forwards.list().some((f) => f.id === fwd.id),
      false,
    );
    await assert.rejects(talk(fwd.localPort, 'x'), /ECONNREFUSED/);
  });

  it('refuses a busy local port with a clear message', async () => {
    const fwd = await forwards.start(api.reader, {
      namespace: 'default',
      pod: 'nginx',
      podPort: 80,
      localPort: 0,
    });
    await assert.rejects(
      forwards.start(api.reader, {
        namespace: 'default',
        pod: 'nginx',
        podPort: 80,
        localPort: fwd.localPort,
      }),
      /the port is in use/,
    );
  });

  it('fails to start, saying why, when the API server accepts none of the protocols (406)', async () => {
    const refusing: Reader = {
      ...api.reader,
      portForward: () =>
        Promise.reject(new KubeError('406: Not Acceptable', 406, 'NotAcceptable', 'GET', '/portforward')),
    };
    await assert.rejects(
      forwards.start(refusing, { namespace: 'default', pod: 'nginx', podPort: 80, localPort: 0 }),
      /cannot forward to default\/nginx:80: .*accepts none of the websocket port-forward protocols/,
    );
  });

  it('parses the port input', () => {
    assert.deepEqual(parsePorts('8080'), { localPort: 8080, podPort: 8080 });
    assert.deepEqual(parsePorts('0:80'), { localPort: 0, podPort: 80 });
    assert.equal(typeof parsePorts('80:'), 'string');
    assert.equal(typeof parsePorts('70000'), 'string');
  });
});
