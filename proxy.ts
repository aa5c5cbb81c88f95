// Runs before every page: makes a fresh nonce and sends the page's Content-Security-Policy,
// in the request too, because Next.js reads the nonce from there and puts it on its scripts.
import { type NextRequest, NextResponse } from "next/server";
import { pageContentSecurityPolicy } from "./server/security/headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// API routes get their own policy from next.config.mjs; built assets are not documents.
export const config = {
  matcher: ["/((?!api/|_next/static/|_next/image).*)"],
};
