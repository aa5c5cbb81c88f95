// Next.js answers some requests itself, past proxy.ts and next.config.mjs (a missing file under
// /_next/static/, the redirect that drops a trailing slash): those responses went out without a
// Content-Security-Policy. This gives every redirect and error response that has none the strict
// policy of the API, which loads nothing. Successful responses are left alone: built scripts are
// also worker scripts, and a worker runs under its script's policy, so "load nothing" would stop it.
import http from "node:http";
import { API_CONTENT_SECURITY_POLICY } from "./headers";

const installed = Symbol.for("engram.errorResponseCsp");

/** Sets the strict policy on a redirect or error response that is about to go out without one. */
export function addMissingErrorPolicy(res: http.ServerResponse, statusCode: number): void {
  if (statusCode >= 300 && !res.headersSent && !res.hasHeader("content-security-policy")) {
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
