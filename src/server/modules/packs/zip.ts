/**
 * A streaming ZIP writer: entries are deflated one after another as the reader pulls, so a pack of many large
 * files is never held in memory. Each entry's sizes and CRC follow its data (a data descriptor, flag bit 3);
 * names are UTF-8 (flag bit 11) so Chinese folder names open correctly on every current unzip tool. No ZIP64:
 * a pack over 4 GiB is refused (the application materials are capped far below that).
 */
import { Readable, Transform, pipeline } from 'node:stream';
import { createDeflateRaw, crc32 } from 'node:zlib';

export interface ZipEntry {
  /** The path inside the archive (folders with '/'). */
  name: string;
  /** The content: bytes at hand, or a stream opened when the entry's turn comes. */
  data: Buffer | (() => Promise<Readable>);
  modified?: Date;
}

const FLAGS = 0x0808; // data descriptor follows; UTF-8 names
const DEFLATE = 8;
const MAX_32 = 0xffffffff;

/** MS-DOS date and time of the Asia/Shanghai wall clock (UTC + 8, no daylight saving). */
function dosDateTime(d: Date): { date: number; time: number } {
  const local = new Date(d.getTime() + 8 * 3_600_000);
  const year = Math.max(1980, local.getUTCFullYear());
  return {
    date: ((year - 1980) << 9) | ((local.getUTCMonth() + 1) << 5) | local.getUTCDate(),
    time: (local.getUTCHours() << 11) | (local.getUTCMinutes() << 5) | Math.floor(local.getUTCSeconds() / 2),
  };
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  date: number;
  time: number;
}

function localHeader(name: Buffer, date: number, time: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(FLAGS, 6);
  h.writeUInt16LE(DEFLATE, 8);
  h.writeUInt16LE(time, 10);
  h.writeUInt16LE(date, 12);
  // crc and sizes: 0 here, in the data descriptor
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

function dataDescriptor(w: Written): Buffer {
  const d = Buffer.alloc(16);
  d.writeUInt32LE(0x08074b50, 0);
  d.writeUInt32LE(w.crc, 4);
  d.writeUInt32LE(w.compressed, 8);
  d.writeUInt32LE(w.size, 12);
  return d;
}

function centralHeader(w: Written): Buffer {
  const c = Buffer.alloc(46);
  c.writeUInt32LE(0x02014b50, 0);
  c.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
  c.writeUInt16LE(20, 6);
  c.writeUInt16LE(FLAGS, 8);
  c.writeUInt16LE(DEFLATE, 10);
  c.writeUInt16LE(w.time, 12);
  c.writeUInt16LE(w.date, 14);
  c.writeUInt32LE(w.crc, 16);
  c.writeUInt32LE(w.compressed, 20);
  c.writeUInt32LE(w.size, 24);
  c.writeUInt16LE(w.name.length, 28);
  c.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
  c.writeUInt32LE(w.offset, 42);
  return Buffer.concat([c, w.name]);
}

function endOfDirectory(count: number, size: number, offset: number): Buffer {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(count, 8);
  e.writeUInt16LE(count, 10);
  e.writeUInt32LE(size, 12);
  e.writeUInt32LE(offset, 16);
  return e;
}

function tooLarge(): Error {
  return new Error('the archive would exceed 4 GiB (ZIP64 is not written)');
}

/** The archive of `entries`, in their order, as a stream (an entry's source is opened only when it is written). */
export function zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    const written: Written[] = [];
    let offset = 0;
    for await (const entry of entries) {
      if (written.length >= 0xffff) throw new Error('too many entries for a ZIP without ZIP64');
      const name = Buffer.from(entry.name, 'utf8');
      const { date, time } = dosDateTime(entry.modified ?? new Date());
      const header = localHeader(name, date, time);
      const w: Written = { name, crc: 0, compressed: 0, size: 0, offset, date, time };
      yield header;
      offset += header.length;
      const source = Buffer.isBuffer(entry.data) ? Readable.from([entry.data]) : await entry.data();
      const tap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          w.crc = crc32(chunk, w.crc);
          w.size += chunk.length;
          cb(null, chunk);
        },
      });
      const deflate = createDeflateRaw({ level: 6 });
      pipeline(source, tap, deflate, () => {
        // errors surface through the iteration of `deflate` below
      });
      for await (const out of deflate as AsyncIterable<Buffer>) {
        w.compressed += out.length;
        yield out;
      }
      if (w.size > MAX_32 || w.compressed > MAX_32) throw tooLarge();
      offset += w.compressed;
      const descriptor = dataDescriptor(w);
      yield descriptor;
      offset += descriptor.length;
      if (offset > MAX_32) throw tooLarge();
      written.push(w);
    }
    const directory = Buffer.concat(written.map(centralHeader));
    yield directory;
    yield endOfDirectory(written.length, directory.length, offset);
  }
  return Readable.from(generate(), { objectMode: false });
}
