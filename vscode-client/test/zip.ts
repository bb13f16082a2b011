// Reads a .vsix (a zip file) for the tests: its entries and their contents, from the central directory
// (APPNOTE.TXT 4.3.12, 4.3.16), stored or deflated, checked against their sizes and CRC-32. No zip64
// (a .vsix of a few MB has no need of it) and no dependency on the zip library vsce itself uses.

import * as zlib from "node:zlib";

export interface ZipEntry {
  name: string;
  size: number;
  data(): Buffer;
}

export function readZip(zip: Buffer): Map<string, ZipEntry> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) {
    throw new Error("not a zip file: no end of central directory record");
  }
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) {
      throw new Error(`bad central directory header at ${at}`);
    }
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    entries.set(name, {
      name,
      size,
      data: () => {
        if (zip.readUInt32LE(local) !== 0x04034b50) {
          throw new Error(`${name}: bad local header`);
        }
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const raw = zip.subarray(start, start + compressed);
        const data = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : undefined;
        if (!data) {
          throw new Error(`${name}: compression method ${method}`);
        }
        if (data.length !== size || zlib.crc32(data) !== crc) {
          throw new Error(`${name}: size or CRC-32 does not match the central directory`);
        }
        return data;
      },
    });
  }
  return entries;
}
