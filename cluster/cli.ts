// npm run cluster -- up|seed|load N|status|env|down: the real control plane, BIND, MetalLB and external-dns on 127.0.0.1.
import { ComponentError, down, envLines, readState, seed, status, tail, up } from './lib/harness.js';
import { load, loadNamespace } from './lib/load.js';

const usage = 'usage: npm run cluster -- up|seed|load <pods>|status|env|down';

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up': {
      const state = await up();
      for (const line of envLines(state)) console.log(line);
      return 0;
    }
    case 'seed': {
      if (!readState()) await up();
      const n = await seed();
      console.log(`seeded ${n} objects`);
      return 0;
    }
    case 'load': {
      const arg = process.argv[3] ?? '';
      const count = Number(arg);
      // Number('') is 0, which would empty the namespace: only digits count.
      if (!/^\d{1,5}$/.test(arg)) {
        console.error('usage: npm run cluster -- load <pods, 0-99999>');
        return 2;
      }
      if (!readState()) await up();
      const r = await load(count, (msg) => console.error(`[load] ${msg}`));
      const deleted = r.deleted > 0 ? `, deleted ${r.deleted} in ${r.deleteMs} ms` : '';
      console.log(
        `namespace ${loadNamespace}: ${r.pods} pods Running (created ${r.created} in ${r.createMs} ms, ` +
          `all Running after ${r.runningMs} ms${deleted})`,
      );
      return 0;
    }
    case 'status': {
      const rows = await status();
      if (rows.length === 0) {
        console.log('not running');
        return 1;
      }
      const table = [
        ['COMPONENT', 'PID', 'PORT', 'VERSION', 'HEALTH'],
        ...rows.map((r) => [r.name, String(r.pid ?? '-'), String(r.port ?? '-'), r.version, r.health]),
      ];
      const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
      for (const row of table)
        console.log(
          row
            .map((c, i) => c.padEnd(widths[i]))
            .join('  ')
            .trimEnd(),
        );
      return rows.every((r) => r.health.startsWith('ok')) ? 0 : 1;
    }
    case 'env': {
      const state = readState();
      if (!state) {
        console.error('not running: npm run cluster -- up');
        return 1;
      }
      for (const line of envLines(state)) console.log(line);
      return 0;
    }
    case 'down':
      await down();
      console.log('stopped');
      return 0;
    default:
      console.error(usage);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv[2]);
} catch (e) {
  if (e instanceof ComponentError) {
    console.error(`\ncluster ${process.argv[2]} failed in ${e.component}: ${e.message}`);
    if (e.log) console.error(`--- last lines of ${e.log} ---\n${tail(e.log, 40)}`);
  } else {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  }
  process.exitCode = 1;
}
