import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../src/kube/client.js';
import { RequestLog } from '../src/kube/request-log.js';
import { ContainerLogStream } from '../src/kube/streams/logs.js';
import { LogBuffer, sanitizeLogLine } from '../src/model/log-buffer.js';
import { compileLogFilter } from '../src/model/log-filter.js';
import { FilteredLog } from '../src/ui/logs/filtered-log.js';
import { windowRows } from '../src/ui/logs/log-rows.js';

// The generator runs in its own process so the figures below are the pipeline's CPU alone.
const SERVER = `
const http = require('node:http');
const rate = Number(process.env.RATE), seconds = Number(process.env.SECONDS);
let sent = 0;
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  const start = Date.now();
  const base = Date.UTC(2024, 0, 1) * 1e6;
  const tick = setInterval(() => {
    const elapsed = Math.min(seconds * 1000, Date.now() - start);
    const due = Math.floor((elapsed / 1000) * rate);
    let chunk = '';
    for (; sent < due; sent++) {
      const ns = base + sent * 1000;
      const ts = new Date(Math.floor(ns / 1e6)).toISOString().slice(0, 19) + '.' + String(ns % 1e9).padStart(9, '0') + 'Z';
      chunk += ts + ' seq=' + sent + ' level=info msg="request handled" path=/api/v1/orders/' + (sent % 9973) + ' latency_ms=' + (sent % 97) + ' user=alice\\n';
    }
    if (chunk) res.write(chunk);
    if (elapsed >= seconds * 1000) { clearInterval(tick); res.end(() => { console.log('sent ' + sent); server.close(); }); }
  }, 10);
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

/**
 * Pushes RATE log lines a second for SECONDS through the log pipeline (HTTP chunked stream → line
 * splitter → timestamp split → sanitiser → bounded buffer → filter index → visible rows at 10 fps)
 * and reports lines lost, CPU and peak RSS.
 */
export async function runLogsBench(): Promise<Record<string, number | string>> {
  const rate = Number(process.env.KDECK_BENCH_LOGS_RATE ?? 20_000);
  const seconds = Number(process.env.KDECK_BENCH_LOGS_SECONDS ?? 60);
  const child = spawn(process.execPath, ['-e', SERVER], {
    env: { ...process.env, RATE: String(rate), SECONDS: String(seconds) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve) => {
    lines.once('line', (l) => resolve(Number(l.split(' ')[1])));
  });
  const sentPromise = new Promise<number>((resolve) => {
    lines.on('line', (l) => {
      if (l.startsWith('sent ')) resolve(Number(l.slice(5)));
    });
  });

  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server: `http://127.0.0.1:${port}` }],
    users: [{ name: 'bench', token: 'x' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
    currentContext: 'bench',
  });
  const client = new KubeClient(kc, new RequestLog());
  const buffer = new LogBuffer(50_000);
  const filtered = new FilteredLog(buffer);
  filtered.set(compileLogFilter('latency_ms=9\\d'), undefined);
  let expected = 0;
  let gaps = 0;
  let duplicates = 0;
  let peakRss = 0;
  let frames = 0;

  const rssAtStart = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // RSS at each quarter of the run shows whether memory stays flat or creeps.
  const quarters: number[] = [];
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    if ((performance.now() - t0) / 1000 >= ((quarters.length + 1) * seconds) / 4 && quarters.length < 3)
      quarters.push(rss);
  }, 100);
  // What the log view does each frame: catch the filter index up and lay out the visible rows.
  const renderer = setInterval(() => {
    filtered.update();
    windowRows((i) => filtered.at(i), filtered.length, filtered.length - 1, 40, {
      width: 160,
      wrap: false,
      json: false,
      timestamps: true,
      filter: compileLogFilter('latency_ms=9\\d'),
    });
    frames++;
  }, 100);

  const stream = new ContainerLogStream(
    client,
    { namespace: 'bench', pod: 'gen', container: 'app' },
    { follow: true },
    {
      onLine: (text, time) => {
        const seq = Number(/^seq=(\d+)/.exec(text)?.[1] ?? -1);
        if (seq > expected) gaps += seq - expected;
        if (seq < expected) duplicates++;
        else expected = seq + 1;
        buffer.push(0, sanitizeLogLine(text), time);
      },
      shouldReconnect: () => false,
    },
  );
  await stream.start();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  clearInterval(renderer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const sent = await sentPromise;
  client.close();
  await new Promise((resolve) => child.once('exit', resolve));
  const received = buffer.received;
  return {
    'logs.rate_target_lines_per_s': rate,
    'logs.seconds': seconds,
    'logs.sent': sent,
    'logs.received': received,
    'logs.lost': sent - received,
    'logs.gaps_in_sequence': gaps,
    'logs.duplicates': duplicates,
    'logs.held_in_buffer': buffer.length,
    'logs.evicted_and_counted': buffer.evicted,
    'logs.throughput_lines_per_s': Math.round(received / wall),
    'logs.cpu_percent_of_one_core': Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 1000) / 10,
    'logs.rss_at_start_mb': Math.round(rssAtStart / 1024 / 1024),
    'logs.peak_rss_mb': Math.round(peakRss / 1024 / 1024),
    'logs.rss_at_quarters_mb': quarters.map((q) => Math.round(q / 1024 / 1024)).join(' / '),
    'logs.frames': frames,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runLogsBench().then((r) => {
    for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(36)} ${v}`);
  });
}
