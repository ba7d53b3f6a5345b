import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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

/** A small HTTP server on 127.0.0.1 standing in for what a pod serves on one port. */
export async function startResponder(pod: string, port: number, image: string): Promise<Server> {
  const nginx = /nginx/.test(image);
  const server = createServer((req, res) => {
    if (nginx) {
      res.writeHead(200, { Server: 'nginx/1.27.3', 'Content-Type': 'text/html' });
      res.end(NGINX_WELCOME);
      return;
    }
    const body = `${JSON.stringify({ pod, port, method: req.method, path: req.url, image })}\n`;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
