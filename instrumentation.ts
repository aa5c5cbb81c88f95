// Runs once when the server starts, so nobody waits for PGlite to boot on their first request,
// and marks each request with its peer address before any route sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressHeader } = await import("./server/security/peer-address");
    installPeerAddressHeader();
    const { startServer } = await import("./server/startup");
    await startServer();
  }
}
