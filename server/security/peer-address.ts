// Next.js route handlers get a Fetch Request, which has no socket: the client's address is lost.
// This stamps every incoming request with its TCP peer's address in a header of our own,
// overwriting any value a client sent, so rate limits can count per real address even when
// X-Forwarded-For (which anyone can write) is not to be trusted.
import { EventEmitter } from "node:events";
import http from "node:http";

/** The header that carries the peer's address; rate limits count per it. */
export const PEER_ADDRESS_HEADER = "x-engram-peer-address";

const installed = Symbol.for("engram.peerAddressHeader");

export function installPeerAddressHeader() {
  const proto = http.Server.prototype as http.Server & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  // Wrapping emit reaches the server Next.js already created, whose "request" listener it
  // does not expose; every other event passes through untouched.
  proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    }
    return EventEmitter.prototype.emit.call(this, event, ...args);
  } as typeof proto.emit;
}
