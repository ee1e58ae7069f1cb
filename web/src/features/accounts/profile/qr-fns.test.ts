import { describe, expect, it } from 'vitest';
import { encodeQr, qrPath, type QrCode } from './qr-fns';

/** The 15 format bits around the top-left finder, unmasked: [error correction level bits, mask]. */
function formatInfo(code: QrCode): { level: number; mask: number; valid: boolean } {
  const at = (x: number, y: number) => (code.matrix[y]?.[x] ? 1 : 0);
  const positions: Array<[number, number]> = [
    [8, 0],
    [8, 1],
    [8, 2],
    [8, 3],
    [8, 4],
    [8, 5],
    [8, 7],
    [8, 8],
    [7, 8],
    [5, 8],
    [4, 8],
    [3, 8],
    [2, 8],
    [1, 8],
    [0, 8],
  ];
  let bits = 0;
  positions.forEach(([x, y], i) => {
    bits |= at(x, y) << i;
  });
  bits ^= 0x5412;
  const data = bits >>> 10;
  let remainder = data;
  for (let i = 0; i < 10; i += 1) {
    remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  }
  return { level: data >>> 3, mask: data & 7, valid: ((data << 10) | remainder) === bits };
}

describe('encodeQr', () => {
  it('picks the smallest version for the text (level M: 14 bytes fit version 1)', () => {
    expect(encodeQr('a'.repeat(14))?.version).toBe(1);
    expect(encodeQr('a'.repeat(15))?.version).toBe(2);
    expect(encodeQr('a'.repeat(3000))).toBeUndefined();
  });

  it('draws finder and timing patterns and valid format bits for level M', () => {
    const code = encodeQr(
      'otpauth://totp/Treffpunkt:anna%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Treffpunkt',
    );
    expect(code).toBeDefined();
    if (!code) {
      return;
    }
    expect(code.size).toBe(code.version * 4 + 17);
    expect(code.matrix).toHaveLength(code.size);
    const row = (y: number, from: number) => code.matrix[y]?.slice(from, from + 7).map(Number);
    for (const x of [0, code.size - 7]) {
      expect(row(0, x)).toEqual([1, 1, 1, 1, 1, 1, 1]);
      expect(row(2, x)).toEqual([1, 0, 1, 1, 1, 0, 1]);
      expect(row(6, x)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    }
    expect(row(code.size - 1, 0)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(code.matrix[6]?.slice(8, 13).map(Number)).toEqual([1, 0, 1, 0, 1]);
    const format = formatInfo(code);
    expect(format.valid).toBe(true);
    expect(format.level).toBe(0);
  });

  it('is deterministic and renders one path square per dark module, inside the quiet zone', () => {
    const first = encodeQr('Grüße');
    const second = encodeQr('Grüße');
    expect(first?.matrix).toEqual(second?.matrix);
    if (!first) {
      return;
    }
    const dark = first.matrix.flat().filter(Boolean).length;
    const path = qrPath(first);
    expect(path.match(/M/g)).toHaveLength(dark);
    expect(path.startsWith('M4 4h1v1h-1z')).toBe(true);
  });
});
