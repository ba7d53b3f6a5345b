import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { WebSocketServer } from 'ws';
import { KubeClient } from '../../../src/kube/client.js';
import { RequestLog } from '../../../src/kube/request-log.js';

export interface FakeExecServer {
  client: KubeClient;
  /** Resize messages the server received, in order. */
  resizes: { Width: number; Height: number }[];
  /** Query strings of the exec/attach requests. */
  requests: URLSearchParams[];
  close(): Promise<void>;
}

const status = (code: number) =>
  code === 0
    ? { metadata: {}, status: 'Success' }
    : {
        metadata: {},
        status: 'Failure',
        message: `command terminated with non-zero exit code: error executing command, exit status ${code}`,
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
      };

/**
 * A websocket exec endpoint speaking the API server's channel protocol, v5 or only v4, on 127.0.0.1.
 * Commands: `echo <words>` (stdout), `fail <n>` (stderr then exit n), `cat` (echoes stdin until it
 * is closed); any other is not in the image (a runtime error without exit code). Pods named
 * `forbidden` answer 403. `startDelayMs` holds the first output back, as a starting process does.
 */
export async function startFakeExecServer(protocols: string[], startDelayMs = 0): Promise<FakeExecServer> {
  const resizes: { Width: number; Height: number }[] = [];
  const requests: URLSearchParams[] = [];
  const server = http.createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => protocols.find((p) => offered.has(p)) ?? false,
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.includes('/pods/forbidden/')) {
      const body = JSON.stringify({
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message: 'pods "forbidden" is forbidden: User "dev" cannot create resource "pods/exec"',
      });
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      return;
    }
    requests.push(url.searchParams);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const send = (ch: number, data: string | Buffer) =>
        ws.send(Buffer.concat([Buffer.from([ch]), Buffer.from(data)]));
      const finish = (code: number) => {
        send(3, JSON.stringify(status(code)));
        ws.close(1000);
      };
      const command = url.searchParams.getAll('command');
      if (startDelayMs > 0) setTimeout(() => run(), startDelayMs);
      else run();
      ws.on('message', (raw: Buffer) => {
        const ch = raw[0];
        const payload = raw.subarray(1);
        if (ch === 4) resizes.push(JSON.parse(payload.toString()) as { Width: number; Height: number });
        if (ch === 0 && command[0] === 'cat') send(1, payload);
        if (ch === 255 && payload[0] === 0 && command[0] === 'cat') finish(0);
      });
      function run() {
        if (command[0] === 'echo') {
          send(1, `${command.slice(1).join(' ')}\n`);
          finish(0);
        } else if (command[0] === 'fail') {
          send(2, 'it failed\n');
          finish(Number(command[1]));
        } else if (command[0] !== 'cat') {
          send(
            3,
            JSON.stringify({
              status: 'Failure',
              message: `exec: "${command[0]}": executable file not found in $PATH`,
              reason: 'InternalError',
            }),
          );
          ws.close(1000);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'dev', token: 'x' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'dev' }],
    currentContext: 'fake',
  });
  const client = new KubeClient(kc, new RequestLog());
  return {
    client,
    resizes,
    requests,
    close: async () => {
      client.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
