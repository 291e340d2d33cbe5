import type { Socket } from 'node:net';
import type { Document } from 'bson';
import type { DevServerLogger } from '../logger.js';
import { completeMessageLength, decodeMessage, encodeReply, type Request } from './codec.js';

/**
 * Frames the byte stream of one client connection into requests and answers them in order.
 * Drivers keep at most one request in flight per connection, so processing sequentially is enough.
 */
export function serveConnection(
  socket: Socket,
  handle: (request: Request) => Document | Promise<Document>,
  logger: DevServerLogger,
): void {
  let pending: Buffer = Buffer.alloc(0);
  // Replies may wait for the disk; chaining keeps them in request order.
  let answered: Promise<void> = Promise.resolve();
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    try {
      for (let length = completeMessageLength(pending); length > 0; length = completeMessageLength(pending)) {
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        const request = decodeMessage(message);
        answered = answered
          .then(async () => {
            const reply = await handle(request);
            if (!request.noReply && !socket.destroyed) socket.write(encodeReply(request, reply));
          })
          .catch((error: unknown) => {
            logger.warn(
              { err: error, remote: socket.remoteAddress },
              'closing connection after a failed reply',
            );
            socket.destroy();
          });
      }
    } catch (error) {
      // A framing or decoding error leaves the stream unusable: drop the connection as mongod does.
      logger.warn({ err: error, remote: socket.remoteAddress }, 'closing connection after protocol error');
      socket.destroy();
    }
  });
  socket.on('error', (error) => logger.debug({ err: error }, 'connection error'));
}
