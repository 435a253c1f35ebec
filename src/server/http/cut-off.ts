import type { FastifyReply, FastifyRequest } from 'fastify';

/** How long a refused upload's connection is drained before it is closed (so the client reads the answer). */
const LINGER_MS = 1000;

/**
 * After a refused upload (too large, wrong type) the client may still be sending: nothing more is stored, and the
 * rest is read and dropped until the answer is out and a moment has passed; then the connection is closed.
 * No `Connection: close` on the answer: Node would end the socket as soon as the answer is written, the client's
 * next bytes would be reset, and a client still sending might never see why.
 */
export function cutOff(req: FastifyRequest, reply: FastifyReply): void {
  req.raw.unpipe();
  req.raw.resume();
  reply.raw.once('finish', () => {
    setTimeout(() => {
      const socket = req.raw.socket as { destroy?: () => void; destroyed?: boolean } | null;
      // (injected test requests have no real socket)
      if (socket && typeof socket.destroy === 'function' && !socket.destroyed) socket.destroy();
    }, LINGER_MS).unref();
  });
}
