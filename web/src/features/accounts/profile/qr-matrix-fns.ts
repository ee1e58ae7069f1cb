/**
 * The module grid of a QR code: function patterns (finders, timing, alignment, format and version bits), data
 * placement in the zig-zag order, the eight masks and a penalty to choose one. Used by qr-fns.ts.
 */

/** Format bits of error correction level M. */
const formatBitsOfM = 0;

export class Grid {
  readonly modules: boolean[][];
  readonly reserved: boolean[][];

  constructor(readonly size: number) {
    this.modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }

  set(x: number, y: number, dark: boolean): void {
    const row = this.modules[y];
    const reservedRow = this.reserved[y];
    if (row && reservedRow && x >= 0 && x < this.size) {
      row[x] = dark;
      reservedRow[x] = true;
    }
  }
}

function alignmentPositions(version: number, size: number): number[] {
  if (version === 1) {
    return [];
  }
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const result = [6];
  for (let position = size - 7; result.length < count; position -= step) {
    result.splice(1, 0, position);
  }
  return result;
}

export function drawFunctionPatterns(grid: Grid, version: number): void {
  const { size } = grid;
  for (let i = 0; i < size; i += 1) {
    grid.set(6, i, i % 2 === 0);
    grid.set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy += 1) {
      for (let dx = -4; dx <= 4; dx += 1) {
        const distance = Math.max(Math.abs(dx), Math.abs(dy));
        if (cx + dx >= 0 && cx + dx < size && cy + dy >= 0 && cy + dy < size) {
          grid.set(cx + dx, cy + dy, distance !== 2 && distance !== 4);
        }
      }
    }
  }
  const positions = alignmentPositions(version, size);
  const last = positions.length - 1;
  positions.forEach((y, i) => {
    positions.forEach((x, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) {
        return;
      }
      for (let dy = -2; dy <= 2; dy += 1) {
        for (let dx = -2; dx <= 2; dx += 1) {
          grid.set(x + dx, y + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      }
    });
  });
  drawFormatBits(grid, 0);
  if (version >= 7) {
    let remainder = version;
    for (let i = 0; i < 12; i += 1) {
      remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
    }
    const bits = (version << 12) | remainder;
    for (let i = 0; i < 18; i += 1) {
      const dark = ((bits >>> i) & 1) !== 0;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      grid.set(a, b, dark);
      grid.set(b, a, dark);
    }
  }
}

export function drawFormatBits(grid: Grid, mask: number): void {
  const data = (formatBitsOfM << 3) | mask;
  let remainder = data;
  for (let i = 0; i < 10; i += 1) {
    remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  }
  const bits = ((data << 10) | remainder) ^ 0x5412;
  const bit = (i: number) => ((bits >>> i) & 1) !== 0;
  const { size } = grid;
  for (let i = 0; i <= 5; i += 1) {
    grid.set(8, i, bit(i));
  }
  grid.set(8, 7, bit(6));
  grid.set(8, 8, bit(7));
  grid.set(7, 8, bit(8));
  for (let i = 9; i < 15; i += 1) {
    grid.set(14 - i, 8, bit(i));
  }
  for (let i = 0; i < 8; i += 1) {
    grid.set(size - 1 - i, 8, bit(i));
  }
  for (let i = 8; i < 15; i += 1) {
    grid.set(8, size - 15 + i, bit(i));
  }
  grid.set(8, size - 8, true);
}

export function drawCodewords(grid: Grid, codewords: number[]): void {
  const { size } = grid;
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) {
      right = 5;
    }
    for (let vertical = 0; vertical < size; vertical += 1) {
      for (let j = 0; j < 2; j += 1) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vertical : vertical;
        if (!grid.reserved[y]?.[x] && i < codewords.length * 8) {
          const row = grid.modules[y];
          if (row) {
            row[x] = (((codewords[i >>> 3] ?? 0) >>> (7 - (i & 7))) & 1) !== 0;
          }
          i += 1;
        }
      }
    }
  }
}

const masks: Array<(x: number, y: number) => boolean> = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

export function applyMask(grid: Grid, mask: number): void {
  const invert = masks[mask] ?? masks[0];
  grid.modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (!grid.reserved[y]?.[x] && invert?.(x, y)) {
        row[x] = !dark;
      }
    });
  });
}

/** A simplified penalty (runs, 2×2 blocks, dark balance) to pick a readable mask; any mask is valid. */
export function penalty(grid: Grid): number {
  const { modules, size } = grid;
  let score = 0;
  let dark = 0;
  for (let a = 0; a < size; a += 1) {
    let rowRun = 1;
    let columnRun = 1;
    for (let b = 0; b < size; b += 1) {
      const here = modules[a]?.[b] ?? false;
      dark += here ? 1 : 0;
      if (b > 0) {
        rowRun = here === modules[a]?.[b - 1] ? rowRun + 1 : 1;
        columnRun = modules[b]?.[a] === modules[b - 1]?.[a] ? columnRun + 1 : 1;
        score += (rowRun === 5 ? 3 : rowRun > 5 ? 1 : 0) + (columnRun === 5 ? 3 : columnRun > 5 ? 1 : 0);
      }
      if (
        a > 0 &&
        b > 0 &&
        here === modules[a]?.[b - 1] &&
        here === modules[a - 1]?.[b] &&
        here === modules[a - 1]?.[b - 1]
      ) {
        score += 3;
      }
    }
  }
  return score + Math.floor(Math.abs((dark * 20) / (size * size) - 10)) * 10;
}
