import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countBuggy,
  formatCount,
  formatIp,
  formatRange,
  type IpRange,
  parseAddressEntry,
  parseCidr,
  parseIp,
  rangeSize,
  rangesOverlap,
  subtractAddresses,
} from '../../src/model/lb/ip-range.js';

const v4 = (s: string): bigint => parseIp(s)!.value;
const r4 = (a: string, b: string): IpRange => ({ family: 'IPv4', first: v4(a), last: v4(b) });

describe('parseIp and formatIp follow Go net.ParseIP / IP.String', () => {
  const cases: [string, string | undefined][] = [
    ['203.0.113.220', '203.0.113.220'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['256.1.1.1', undefined],
    ['1.2.3', undefined],
    ['01.2.3.4', undefined],
    ['1.2.3.4 ', undefined],
    ['::1', '::1'],
    ['::', '::'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['fe80::1%eth0', undefined],
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['12345::1', undefined],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['', undefined],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} → ${want ?? 'invalid'}`, () => {
      const ip = parseIp(input);
      assert.equal(ip ? formatIp(ip) : undefined, want);
    });
  }
});

describe('parseAddressEntry mirrors MetalLB config.ParseCIDR', () => {
  const cases: { in: string; range?: [string, string]; error?: RegExp }[] = [
    { in: '203.0.113.220-203.0.113.240', range: ['203.0.113.220', '203.0.113.240'] },
    { in: '203.0.113.220 - 203.0.113.240', range: ['203.0.113.220', '203.0.113.240'] },
    { in: '192.168.10.0/24', range: ['192.168.10.0', '192.168.10.255'] },
    { in: '192.168.10.7/24', range: ['192.168.10.0', '192.168.10.255'] },
    { in: '10.0.0.5/32', range: ['10.0.0.5', '10.0.0.5'] },
    { in: '2001:db8::/126', range: ['2001:db8::', '2001:db8::3'] },
    { in: '2001:db8::10-2001:db8::1f', range: ['2001:db8::10', '2001:db8::1f'] },
    { in: '10.0.0.0/33', error: /^invalid CIDR "10.0.0.0\/33"$/ },
    { in: '10.0.0.0', error: /^invalid CIDR "10.0.0.0"$/ },
    { in: 'banana', error: /^invalid CIDR/ },
    { in: '10.0.0.9-10.0.0.1', error: /start IP "10.0.0.9" is after the end IP "10.0.0.1"/ },
    { in: '10.0.0.x-10.0.0.1', error: /invalid start IP "10.0.0.x"/ },
    { in: '10.0.0.1-', error: /invalid end IP ""/ },
    { in: '10.0.0.1-::5', error: /different families/ },
  ];
  for (const c of cases) {
    it(c.in, () => {
      const r = parseAddressEntry(c.in);
      if (c.error) {
        assert.ok('error' in r, `expected an error for ${c.in}`);
        assert.match(r.error, c.error);
      } else {
        assert.ok('range' in r, `expected a range for ${c.in}`);
        const fam = c.range![0].includes(':') ? 'IPv6' : 'IPv4';
        assert.deepEqual(r.range, {
          family: fam,
          first: parseIp(c.range![0])!.value,
          last: parseIp(c.range![1])!.value,
        });
      }
    });
  }
  it('a v4-mapped prefix of /96 or longer is an IPv4 network', () => {
    assert.deepEqual(parseCidr('::ffff:10.0.0.0/120'), r4('10.0.0.0', '10.0.0.255'));
  });
});

describe('sizes and avoidBuggyIPs counts', () => {
  const cases: { in: string; size: bigint; buggy: bigint }[] = [
    { in: '203.0.113.220-203.0.113.240', size: 21n, buggy: 0n },
    { in: '10.0.0.0/24', size: 256n, buggy: 2n },
    { in: '10.0.0.0/16', size: 65536n, buggy: 512n },
    { in: '10.0.0.0/25', size: 128n, buggy: 1n },
    { in: '10.0.0.128/25', size: 128n, buggy: 1n },
    { in: '10.0.0.64/26', size: 64n, buggy: 0n },
    { in: '10.0.0.250-10.0.1.5', size: 12n, buggy: 2n },
    { in: '10.0.0.255/32', size: 1n, buggy: 1n },
    { in: '2001:db8::/64', size: 1n << 64n, buggy: 0n },
    { in: '::/0', size: 1n << 128n, buggy: 0n },
  ];
  for (const c of cases) {
    it(c.in, () => {
      const r = parseAddressEntry(c.in);
      assert.ok('range' in r);
      assert.equal(rangeSize(r.range), c.size);
      assert.equal(countBuggy(r.range), c.buggy);
    });
  }
  it('formats huge counts compactly and small ones exactly', () => {
    assert.equal(formatCount(21n), '21');
    assert.equal(formatCount(1n << 64n), '1.8e19');
  });
});

describe('overlaps', () => {
  const cases: [string, string, boolean][] = [
    ['10.0.0.0/24', '10.0.0.128/25', true],
    ['10.0.0.0/25', '10.0.0.128/25', false],
    ['10.0.0.1-10.0.0.10', '10.0.0.10-10.0.0.20', true],
    ['10.0.0.1-10.0.0.9', '10.0.0.10-10.0.0.20', false],
    ['::/0', '10.0.0.0/8', false],
    ['2001:db8::/32', '2001:db8:1::/48', true],
  ];
  for (const [a, b, want] of cases) {
    it(`${a} vs ${b}`, () => {
      const ra = parseAddressEntry(a);
      const rb = parseAddressEntry(b);
      assert.ok('range' in ra && 'range' in rb);
      assert.equal(rangesOverlap(ra.range, rb.range), want);
      assert.equal(rangesOverlap(rb.range, ra.range), want);
    });
  }
});

describe('free ranges and their text', () => {
  it('splits a range around used addresses, in order, ignoring duplicates and strangers', () => {
    const used = ['203.0.113.225', '203.0.113.220', '203.0.113.225', '203.0.113.240', '10.9.9.9'].map(
      (s) => parseIp(s)!,
    );
    const free = subtractAddresses([r4('203.0.113.220', '203.0.113.240')], used).map(formatRange);
    assert.deepEqual(free, ['203.0.113.221-203.0.113.224', '203.0.113.226-203.0.113.239']);
  });
  it('a fully used range has nothing free', () => {
    assert.deepEqual(subtractAddresses([r4('10.0.0.1', '10.0.0.1')], [parseIp('10.0.0.1')!]), []);
  });
  it('prints aligned spans as CIDRs and single addresses bare', () => {
    assert.equal(formatRange(r4('10.0.0.0', '10.0.0.255')), '10.0.0.0/24');
    assert.equal(formatRange(r4('10.0.0.4', '10.0.0.4')), '10.0.0.4');
    assert.equal(formatRange(r4('10.0.0.4', '10.0.0.9')), '10.0.0.4-10.0.0.9');
  });
});
