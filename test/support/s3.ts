/**
 * A real S3 server (s3rver) for the tests, in a child process on a port the kernel picks: the memory a test
 * measures is then the platform's (and the SDK's), not the S3 server's own buffers.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';

export async function startS3Server(directory: string): Promise<{ port: number; stop(): Promise<void> }> {
  const entry = createRequire(import.meta.url).resolve('s3rver');
  const script = `const S3rver = require(${JSON.stringify(entry)});
new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(directory)} }).run().then(({ port }) => process.send({ port }));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return {
    port: message.port,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
