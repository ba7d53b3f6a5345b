/** A tiny deterministic PRNG (mulberry32): the same container run always shows the same log. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function clf(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function fluentTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

const PATHS = [
  '/',
  '/index.html',
  '/healthz',
  '/api/v1/items',
  '/api/v1/cart',
  '/static/app.js',
  '/static/style.css',
  '/favicon.ico',
  '/login',
  '/metrics',
];
const AGENTS = [
  'kube-probe/1.32',
  'curl/8.5.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Prometheus/2.54.1',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function clientIp(r: () => number): string {
  return `10.244.${Math.floor(r() * 3)}.${1 + Math.floor(r() * 250)}`;
}

/** What kind of program a container runs, which decides what its log looks like. */
export type LogStyle = 'nginx' | 'fluentd' | 'apache' | 'app' | 'date' | 'pi' | 'silent';

/** Guesses the program from the image and command: a shell loop printing `date`, perl computing pi, a server... */
export function styleOf(image: string, command: string[] = [], init = false): LogStyle {
  const cmd = command.join(' ');
  if (/\bdate\b/.test(cmd)) return 'date';
  if (/bpi\(/.test(cmd)) return 'pi';
  if (init || /^(sleep|true)\b|\bsleep\b|\bmkdir\b|\bexit\b/.test(cmd)) return 'silent';
  if (/nginx/.test(image)) return 'nginx';
  if (/fluent/.test(image)) return 'fluentd';
  if (/gb-frontend|httpd|php/.test(image)) return 'apache';
  return 'app';
}

function startup(style: LogStyle, ms: number, pod: string): string[] {
  switch (style) {
    case 'nginx':
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${nginxTime(ms)} [notice] 1#1: using the "epoll" event method`,
        `${nginxTime(ms)} [notice] 1#1: nginx/1.27.3`,
        `${nginxTime(ms)} [notice] 1#1: OS: Linux 6.1.0-28-amd64`,
        `${nginxTime(ms)} [notice] 1#1: start worker processes`,
      ];
    case 'fluentd':
      return [
        `${fluentTime(ms)} [info]: parsing config file is succeeded path="/etc/fluent/fluent.conf"`,
        `${fluentTime(ms)} [info]: using configuration file: <ROOT> ... </ROOT>`,
        `${fluentTime(ms)} [info]: starting fluentd-1.16.2 pid=7 ruby="3.1.4"`,
        `${fluentTime(ms)} [info]: #0 starting fluentd worker pid=17 ppid=7 worker=0`,
        `${fluentTime(ms)} [info]: #0 fluentd worker is now running worker=0`,
      ];
    case 'apache':
      return [
        `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using 10.244.1.7. Set the 'ServerName' directive globally to suppress this message`,
        `[${new Date(ms).toUTCString()}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.20 configured -- resuming normal operations`,
      ];
    case 'app':
      return [
        `{"level":"info","ts":"${new Date(ms).toISOString()}","msg":"starting","pod":"${pod}","version":"1.8.2"}`,
        `{"level":"info","ts":"${new Date(ms).toISOString()}","msg":"listening","addr":":8080"}`,
      ];
    default:
      return [];
  }
}

/** Whether a program of this style keeps writing lines while it runs. */
export function writesSteadily(style: LogStyle): boolean {
  return style !== 'silent' && style !== 'pi';
}

/** What a program that ran to completion printed last (perl's bpi(2000) prints pi). */
export function finalLines(style: LogStyle): string[] {
  return style === 'pi'
    ? [
        '3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679',
      ]
    : [];
}

function steady(style: LogStyle, ms: number, r: () => number): string {
  switch (style) {
    case 'date':
      return new Date(ms).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 UTC $4');
    case 'nginx': {
      const path = pick(r, PATHS);
      const code = r() < 0.9 ? 200 : pick(r, [301, 304, 404, 500]);
      return `${clientIp(r)} - - [${clf(ms)}] "GET ${path} HTTP/1.1" ${code} ${Math.floor(200 + r() * 9000)} "-" "${pick(r, AGENTS)}" "-"`;
    }
    case 'fluentd': {
      const n = Math.floor(r() * 40);
      return r() < 0.8
        ? `${fluentTime(ms)} [info]: #0 following tail of /var/log/containers/app-${n}_default_app-${(n * 7919).toString(16)}.log`
        : `${fluentTime(ms)} [warn]: #0 [elasticsearch] failed to flush the buffer. retry_times=${Math.floor(r() * 5)} next_retry_time=${fluentTime(ms + 30000)} chunk="${Math.floor(r() * 1e12).toString(16)}" error_class=Faraday::ConnectionFailed`;
    }
    case 'apache':
      return `${clientIp(r)} - - [${clf(ms)}] "GET ${pick(r, ['/', '/guestbook.php?cmd=get&key=messages', '/style.css'])} HTTP/1.1" 200 ${Math.floor(300 + r() * 2000)} "-" "${pick(r, AGENTS)}"`;
    default: {
      const level = r() < 0.92 ? 'info' : r() < 0.7 ? 'warn' : 'error';
      const msg = level === 'info' ? 'handled request' : level === 'warn' ? 'slow request' : 'request failed';
      return `{"level":"${level}","ts":"${new Date(ms).toISOString()}","msg":"${msg}","method":"GET","path":"${pick(r, PATHS)}","status":${level === 'error' ? 500 : 200},"duration_ms":${Math.floor(r() * (level === 'warn' ? 2000 : 40))}}`;
    }
  }
}

/** The last lines of a run that ended with exitCode, as a crashing program prints them. */
export function crashLines(style: LogStyle, ms: number, exitCode: number): string[] {
  if (style === 'nginx')
    return [
      `${nginxTime(ms)} [emerg] 1#1: host not found in upstream "backend:8080" in /etc/nginx/conf.d/default.conf:14`,
      `nginx: [emerg] host not found in upstream "backend:8080" in /etc/nginx/conf.d/default.conf:14`,
    ];
  return [
    `{"level":"error","ts":"${new Date(ms).toISOString()}","msg":"cannot connect to database","error":"dial tcp 10.96.0.42:5432: connect: connection refused"}`,
    `panic: dial tcp 10.96.0.42:5432: connect: connection refused`,
    '',
    'goroutine 1 [running]:',
    'main.main()',
    '\t/src/cmd/server/main.go:57 +0x1d4',
    `exit status ${exitCode}`,
  ];
}

/** Line n of a container run that started at startMs (n counts from 0). */
export function lineAt(
  style: LogStyle,
  seed: number,
  n: number,
  ms: number,
  pod: string,
  startMs: number,
): string {
  const first = startup(style, startMs, pod);
  if (n < first.length) return first[n];
  return steady(style, ms, prng(seed + n * 2654435761));
}

export function startupLength(style: LogStyle): number {
  return startup(style, 0, '').length;
}
