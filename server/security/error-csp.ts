// Next.js answers some failures itself, past proxy.ts and next.config.mjs (a missing file under
// /_next/static/ is one): those responses went out without a Content-Security-Policy. This gives
// every error response that has none the strict policy of the API, which loads nothing.
import http from "node:http";
import { API_CONTENT_SECURITY_POLICY } from "./headers";

const installed = Symbol.for("engram.errorResponseCsp");

/** Sets the strict policy on an error response that is about to go out without one. */
export function addMissingErrorPolicy(res: http.ServerResponse, statusCode: number): void {
  if (statusCode >= 400 && !res.headersSent && !res.hasHeader("content-security-policy")) {
    res.setHeader("content-security-policy", API_CONTENT_SECURITY_POLICY);
  }
}

export function installErrorResponsePolicy() {
  const proto = http.ServerResponse.prototype as http.ServerResponse & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with each response as `this`
  const writeHead = proto.writeHead;
  // Node writes implicit headers through writeHead too, so every response passes here once.
  proto.writeHead = function (this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
    addMissingErrorPolicy(this, statusCode);
    return (writeHead as (...args: unknown[]) => http.ServerResponse).call(this, statusCode, ...rest);
  };
}
