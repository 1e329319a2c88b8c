/**
 * Values as text, for parameters shown to the user and for the value hashes that link a result to
 * a later statement's parameter. Binary values are decoded for the types whose layout is fixed;
 * any other binary value is shown as bytea hex.
 */

const TYPE_NAMES: Record<number, string> = {
  16: 'bool',
  17: 'bytea',
  18: 'char',
  19: 'name',
  20: 'int8',
  21: 'int2',
  23: 'int4',
  25: 'text',
  26: 'oid',
  114: 'json',
  700: 'float4',
  701: 'float8',
  1042: 'bpchar',
  1043: 'varchar',
  1082: 'date',
  1114: 'timestamp',
  1184: 'timestamptz',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
};

export const typeName = (oid: number | undefined): string =>
  oid === undefined || oid === 0 ? 'unknown' : (TYPE_NAMES[oid] ?? `oid ${oid}`);

const TEXTUAL = new Set([18, 19, 25, 114, 1042, 1043]);

/** A binary-format value as PostgreSQL would print it in text, where the type's layout is known. */
export function binaryToText(v: Buffer, oid: number | undefined): string {
  try {
    switch (oid) {
      case 16:
        return v[0] ? 't' : 'f';
      case 21:
        return String(v.readInt16BE(0));
      case 23:
        return String(v.readInt32BE(0));
      case 26:
        return String(v.readUInt32BE(0));
      case 20:
        return v.readBigInt64BE(0).toString();
      case 700:
        return String(v.readFloatBE(0));
      case 701:
        return String(v.readDoubleBE(0));
      case 2950: {
        const h = v.toString('hex');
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      }
      case 3802:
        return v.subarray(1).toString('utf8'); // version byte, then the JSON text
      default:
        if (oid !== undefined && TEXTUAL.has(oid)) return v.toString('utf8');
    }
  } catch {
    // A value too short for its declared type: shown raw below.
  }
  return `\\x${v.toString('hex')}`;
}

/** A value as text: text format as sent, binary decoded where the type is known. */
export function valueText(v: Buffer, format: number, oid: number | undefined): string {
  return format === 1 ? binaryToText(v, oid) : v.toString('utf8');
}

/**
 * A 53-bit hash of a value's text (cyrb53-style, two 32-bit lanes): enough to link values within
 * one request without keeping the value. Not cryptographic; collisions only add a candidate edge.
 */
export function hashValue(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
