import { type AddressInfo, createServer, type Socket } from 'node:net';

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function response(status: string, headers: Record<string, string>, body: string): string {
  const lines = [
    `HTTP/1.1 ${status}`,
    ...Object.entries({ ...headers, 'Content-Length': String(Buffer.byteLength(body)) }).map(
      ([k, v]) => `${k}: ${v}`,
    ),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * A small HTTP/1.1 responder (an echo for anything that is not HTTP) on 127.0.0.1 standing in for what a pod serves on one port. It is a raw
 * TCP server because port-forward clients half-close after sending, which node's http server drops.
 */
export async function startResponder(pod: string, port: number, image: string): Promise<Responder> {
  const nginx = /nginx/.test(image);
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    let buf = '';
    const answer = () => {
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        const head = buf.slice(0, end);
        buf = buf.slice(end + 4);
        const [method = 'GET', path = '/'] = head.split('\r\n')[0].split(' ');
        const close = /\r\nconnection:\s*close/i.test(head);
        const body = nginx ? NGINX_WELCOME : `${JSON.stringify({ pod, port, method, path, image })}\n`;
        const type = nginx ? 'text/html' : 'application/json';
        sock.write(
          response(
            '200 OK',
            {
              Server: nginx ? 'nginx/1.27.3' : 'demo-app',
              'Content-Type': type,
              Connection: close ? 'close' : 'keep-alive',
            },
            body,
          ),
        );
        if (close) sock.end();
      }
    };
    let mode: 'http' | 'echo' | undefined;
    sock.on('data', (d: Buffer) => {
      // HTTP gets a page; anything else comes straight back, like an echo server.
      mode ??=
        /^[A-Z]+ \S+ HTTP\//.test(d.toString('latin1', 0, 64)) ||
        /^[A-Z]{3,7} /.test(d.toString('latin1', 0, 8))
          ? 'http'
          : 'echo';
      if (mode === 'echo') {
        sock.write(d);
        return;
      }
      buf += d.toString('latin1');
      answer();
    });
    sock.on('end', () => sock.end());
    sock.on('error', () => sock.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Responder {
  port: number;
  close(): Promise<void>;
}
