// Runs once when the server starts, so nobody waits for PGlite to boot on their first request,
// marks each request with its peer address before any route sees it, and gives error responses
// Next.js writes by itself a Content-Security-Policy.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressHeader } = await import("./server/security/peer-address");
    installPeerAddressHeader();
    const { installErrorResponsePolicy } = await import("./server/security/error-csp");
    installErrorResponsePolicy();
    const { startServer } = await import("./server/startup");
    await startServer();
  }
}
