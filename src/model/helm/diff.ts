/** A line of a unified diff, with its role for colouring. */
export interface DiffLine {
  text: string;
  kind: 'header' | 'hunk' | 'add' | 'del' | 'context';
}

type Op = { kind: 'add' | 'del' | 'context'; line: string; a: number; b: number };

// Myers' O(ND) shortest edit script, written out because ~40 lines cost less than a dependency for one view.
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: 'context', line: a[x]!, a: x, b: y });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: 'add', line: b[prevY]!, a: x, b: prevY });
      else ops.push({ kind: 'del', line: a[prevX]!, a: prevX, b: y });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

// As GNU diff writes a hunk's range: the count is left out when it is 1.
const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);

const lines = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));

/** A unified diff (`diff -u`) of two texts with `context` lines around each change; empty when they are equal. */
export function unifiedDiff(
  before: string,
  after: string,
  labels: { from: string; to: string },
  context = 3,
): DiffLine[] {
  const a = lines(before);
  const b = lines(after);
  const ops = editScript(a, b);
  if (ops.every((o) => o.kind === 'context')) return [];
  const out: DiffLine[] = [
    { text: `--- ${labels.from}`, kind: 'header' },
    { text: `+++ ${labels.to}`, kind: 'header' },
  ];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === 'context') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2*context lines of the last one.
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.kind !== 'context') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const hunk = ops.slice(start, stop);
    const first = hunk[0]!;
    const aCount = hunk.filter((o) => o.kind !== 'add').length;
    const bCount = hunk.filter((o) => o.kind !== 'del').length;
    const aStart = aCount === 0 ? first.a : first.a + 1;
    const bStart = bCount === 0 ? first.b : first.b + 1;
    out.push({ text: `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`, kind: 'hunk' });
    for (const o of hunk)
      out.push({ text: `${o.kind === 'add' ? '+' : o.kind === 'del' ? '-' : ' '}${o.line}`, kind: o.kind });
    i = stop;
  }
  return out;
}
