/**
 * The upload section's client, run as a child process so that its memory is not the server's: streams a
 * generated PDF of exactly `bytes` bytes as multipart/form-data (field `file`) over one HTTP connection, with
 * back-pressure, never holding more than one 256 KiB chunk. Prints one JSON line: status, body, sha256 of the
 * PDF, timings. Usage: node --import tsx upload-client.ts '<json UploadRequest>'
 *
 * The PDF: a header with the binary marker, one stream object whose content is filler (a random 64 KiB block
 * repeated; it is never parsed), and a trailer — a PDF by its signature, as the server's type sniffing decides.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';

export interface UploadRequest {
  url: string;
  cookie: string;
  csrfToken: string;
  bytes: number;
  fileName: string;
}

export interface UploadResponse {
  status: number;
  body: string;
  sha256: string;
  bytes: number;
  /** From the first byte sent to the end of the response, and until the last byte was handed to the socket. */
  totalMs: number;
  sendMs: number;
  clientMaxRssBytes: number;
}

const CHUNK = 256 * 1024;

/** The PDF's fixed head and tail around a filler of the size that makes the whole exactly `bytes`. */
function pdfFrame(bytes: number): { head: Buffer; tail: Buffer; filler: number } {
  const header = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n')]);
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Size 2 >>\n%%EOF\n');
  let length = bytes;
  for (let i = 0; i < 3; i += 1) {
    const objHead = Buffer.from(`1 0 obj\n<< /Length ${length} >>\nstream\n`);
    length = bytes - header.length - objHead.length - tail.length;
  }
  const head = Buffer.concat([header, Buffer.from(`1 0 obj\n<< /Length ${length} >>\nstream\n`)]);
  if (length < 0 || head.length + length + tail.length !== bytes) throw new Error(`cannot frame a PDF of ${bytes} bytes`);
  return { head, tail, filler: length };
}

/** The PDF, chunk by chunk. */
function* pdfChunks(bytes: number): Generator<Buffer> {
  const { head, tail, filler } = pdfFrame(bytes);
  yield head;
  const block = randomBytes(64 * 1024);
  const chunk = Buffer.concat(Array.from({ length: CHUNK / block.length }, () => block));
  for (let left = filler; left > 0; left -= CHUNK) yield left >= CHUNK ? chunk : chunk.subarray(0, left);
  yield tail;
}

async function upload(req: UploadRequest): Promise<UploadResponse> {
  const boundary = `----zsbench${randomBytes(12).toString('hex')}`;
  const pre = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${req.fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  let maxRss = process.memoryUsage.rss();
  const t0 = performance.now();
  let sendMs = 0;
  return new Promise<UploadResponse>((resolve, reject) => {
    const r = http.request(
      req.url,
      {
        method: 'POST',
        headers: {
          cookie: req.cookie,
          'x-csrf-token': req.csrfToken,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(pre.length + req.bytes + post.length),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(parts).toString('utf8'),
            sha256: hash.digest('hex'),
            bytes: req.bytes,
            totalMs: performance.now() - t0,
            sendMs,
            clientMaxRssBytes: Math.max(maxRss, process.memoryUsage.rss()),
          }),
        );
      },
    );
    r.on('error', reject);
    const send = async () => {
      const write = (b: Buffer) => (r.write(b) ? Promise.resolve() : new Promise<void>((ok) => r.once('drain', () => ok())));
      await write(pre);
      let n = 0;
      for (const chunk of pdfChunks(req.bytes)) {
        hash.update(chunk);
        await write(chunk);
        if ((n += 1) % 16 === 0) maxRss = Math.max(maxRss, process.memoryUsage.rss());
      }
      r.end(post);
      sendMs = performance.now() - t0;
    };
    send().catch((err: unknown) => {
      r.destroy(err as Error);
      reject(err as Error);
    });
  });
}

const arg = process.argv[2];
if (!arg) {
  console.error('usage: upload-client.ts <json>');
  process.exit(2);
}
upload(JSON.parse(arg) as UploadRequest).then(
  (res) => {
    process.stdout.write(`${JSON.stringify(res)}\n`);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
