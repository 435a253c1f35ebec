import { createServer, type AddressInfo } from 'node:net';

/** A port the kernel has just handed out (listen on 0, then close): tests never depend on a fixed port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
