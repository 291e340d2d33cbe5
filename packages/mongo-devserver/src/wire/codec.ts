import { BSON, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A decoded request: the command body with any document sequences folded in as arrays. */
export interface Request {
  header: MessageHeader;
  command: Document;
  /** The database the command addresses ($db for OP_MSG, the namespace prefix for OP_QUERY). */
  db: string;
  /** The client asked for no reply (OP_MSG moreToCome, used by unacknowledged writes). */
  noReply: boolean;
}

export class ProtocolError extends Error {}

export function readHeader(buffer: Buffer): MessageHeader {
  return {
    length: buffer.readInt32LE(0),
    requestId: buffer.readInt32LE(4),
    responseTo: buffer.readInt32LE(8),
    opCode: buffer.readInt32LE(12),
  };
}

/** Returns the size of the first complete message in `buffer`, or 0 when more bytes are needed. */
export function completeMessageLength(buffer: Buffer): number {
  if (buffer.length < 4) return 0;
  const length = buffer.readInt32LE(0);
  if (length < HEADER_SIZE || length > 48 * 1024 * 1024)
    throw new ProtocolError(`invalid message length ${length}`);
  return buffer.length >= length ? length : 0;
}

export function decodeMessage(message: Buffer): Request {
  const header = readHeader(message);
  if (header.opCode === OP_MSG) return decodeOpMsg(header, message);
  if (header.opCode === OP_QUERY) return decodeOpQuery(header, message);
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

function readDocument(message: Buffer, offset: number): [Document, number] {
  const size = message.readInt32LE(offset);
  return [BSON.deserialize(message.subarray(offset, offset + size)), offset + size];
}

function decodeOpMsg(header: MessageHeader, message: Buffer): Request {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      [body, offset] = readDocument(message, offset);
    } else if (kind === 1) {
      const sectionEnd = offset + message.readInt32LE(offset);
      const nameEnd = message.indexOf(0, offset + 4);
      const name = message.toString('utf8', offset + 4, nameEnd);
      const docs: Document[] = [];
      let cursor = nameEnd + 1;
      while (cursor < sectionEnd) {
        const [doc, next] = readDocument(message, cursor);
        docs.push(doc);
        cursor = next;
      }
      sequences[name] = docs;
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unsupported OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without a body section');
  const command = { ...body, ...sequences };
  return {
    header,
    command,
    db: typeof body.$db === 'string' ? body.$db : 'admin',
    noReply: (flags & MORE_TO_COME) !== 0,
  };
}

/** Legacy OP_QUERY is only accepted for commands on `<db>.$cmd` (the driver's first handshake uses it). */
function decodeOpQuery(header: MessageHeader, message: Buffer): Request {
  let offset = HEADER_SIZE + 4;
  const nameEnd = message.indexOf(0, offset);
  const namespace = message.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const [query] = readDocument(message, offset);
  const dot = namespace.indexOf('.');
  if (dot < 0 || namespace.slice(dot + 1) !== '$cmd')
    throw new ProtocolError(`OP_QUERY on ${namespace} is not supported`);
  const command = query.$query && typeof query.$query === 'object' ? (query.$query as Document) : query;
  return { header, command, db: namespace.slice(0, dot), noReply: false };
}

let nextRequestId = 1;

function writeHeader(buffer: Buffer, responseTo: number, opCode: number): void {
  buffer.writeInt32LE(buffer.length, 0);
  buffer.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
}

export function encodeOpMsg(responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const buffer = Buffer.alloc(HEADER_SIZE + 4 + 1 + body.length);
  writeHeader(buffer, responseTo, OP_MSG);
  buffer.writeUInt32LE(0, HEADER_SIZE);
  buffer.writeUInt8(0, HEADER_SIZE + 4);
  buffer.set(body, HEADER_SIZE + 5);
  return buffer;
}

export function encodeOpReply(responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const buffer = Buffer.alloc(HEADER_SIZE + 20 + body.length);
  writeHeader(buffer, responseTo, OP_REPLY);
  buffer.writeInt32LE(0, HEADER_SIZE); // responseFlags
  buffer.writeBigInt64LE(0n, HEADER_SIZE + 4); // cursorID
  buffer.writeInt32LE(0, HEADER_SIZE + 12); // startingFrom
  buffer.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  buffer.set(body, HEADER_SIZE + 20);
  return buffer;
}

export function encodeReply(request: Request, reply: Document): Buffer {
  return request.header.opCode === OP_QUERY
    ? encodeOpReply(request.header.requestId, reply)
    : encodeOpMsg(request.header.requestId, reply);
}
