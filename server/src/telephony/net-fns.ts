import { isIP } from 'node:net';

/** An address or CIDR block from SIP_TRUNK_ADDRESSES. */
export interface AddressRule {
  bytes: Buffer;
  prefix: number;
}

/** Parses "192.0.2.10, 198.51.100.0/24, 2001:db8::/32"; null if any entry is not an address or CIDR. */
export function parseAddressRules(text: string): AddressRule[] | null {
  const rules: AddressRule[] = [];
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const [address, prefixText] = entry.split('/');
    const bytes = address === undefined ? null : addressBytes(address);
    if (!bytes) {
      return null;
    }
    const max = bytes.length * 8;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
    if (prefix < 0 || prefix > max) {
      return null;
    }
    rules.push({ bytes, prefix });
  }
  return rules;
}

/** Whether `address` (as node:dgram reports it) lies in one of the rules. */
export function addressAllowed(rules: readonly AddressRule[], address: string): boolean {
  const bytes = addressBytes(address);
  if (!bytes) {
    return false;
  }
  return rules.some((rule) => rule.bytes.length === bytes.length && prefixMatches(rule, bytes));
}

function prefixMatches(rule: AddressRule, bytes: Buffer): boolean {
  const whole = Math.floor(rule.prefix / 8);
  if (!rule.bytes.subarray(0, whole).equals(bytes.subarray(0, whole))) {
    return false;
  }
  const bits = rule.prefix % 8;
  if (bits === 0) {
    return true;
  }
  const mask = (0xff << (8 - bits)) & 0xff;
  return ((rule.bytes[whole] ?? 0) & mask) === ((bytes[whole] ?? 0) & mask);
}

/** 4 or 16 bytes; IPv4-mapped IPv6 (::ffff:a.b.c.d) is read as IPv4. */
function addressBytes(address: string): Buffer | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const text = mapped?.[1] ?? address;
  const family = isIP(text);
  if (family === 4) {
    return Buffer.from(text.split('.').map(Number));
  }
  if (family !== 6) {
    return null;
  }
  const [head = '', tail] = text.split('::');
  const part = (side: string): number[] =>
    side === ''
      ? []
      : side.split(':').flatMap((group) => (group.includes('.') ? v4Groups(group) : [parseInt(group, 16)]));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const groups = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(group, index * 2));
  return bytes;
}

function v4Groups(text: string): number[] {
  const [a = 0, b = 0, c = 0, d = 0] = text.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}
