/**
 * After the demo load: one memory-reducing garbage collection. The load runs a few thousand rows through the
 * use-cases and leaves ~100 MB that V8 keeps (garbage, and compiled code of paths that ran once) until its memory
 * reducer runs, which on an idle server is 10–20 s later; a plain full collection does not release it. V8's
 * low-memory collection does, and the in-process inspector session is the public way to ask for it
 * (`HeapProfiler.collectGarbage`; no port is opened).
 */
import { Session } from 'node:inspector';

/** Asks V8 for a low-memory collection; resolves false when the runtime has no inspector. */
export async function releaseMemory(): Promise<boolean> {
  let session: Session;
  try {
    session = new Session();
    session.connect();
  } catch {
    return false;
  }
  try {
    await new Promise<void>((resolve, reject) => session.post('HeapProfiler.collectGarbage', (err) => (err ? reject(err) : resolve())));
    return true;
  } catch {
    return false;
  } finally {
    session.disconnect();
  }
}
