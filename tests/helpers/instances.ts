// Several app instances in one test process: each has its own database pool, its own end of
// the realtime bus and its own HTTP server (tRPC's standalone adapter, plus the snapshot route),
// exactly as separate `next start` processes behind a load balancer would, sharing only
// PostgreSQL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import superjson from "superjson";
import { createAuth } from "~/server/auth";
import { openDatabase } from "~/server/db/client";
import { createBus } from "~/server/realtime/bus";
import { snapshotResponse } from "~/server/domain/palace/snapshot.response";
import { PEER_ADDRESS_HEADER } from "~/server/security/peer-address";
import { sessionUserFrom } from "~/server/session";
import { contextFactory } from "~/server/trpc/context";
import { responseMeta } from "~/server/trpc/init";
import { type AppRouter, appRouter } from "~/server/trpc/root";

const SECRET = "instance-secret-instance-secret-instance!";

function headersOf(req: http.IncomingMessage, limited: boolean): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(key, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
  }
  // As server/security/peer-address.ts does under Next.js; without it reads are not limited.
  if (limited) headers.set(PEER_ADDRESS_HEADER, req.socket.remoteAddress ?? "unknown");
  else headers.delete(PEER_ADDRESS_HEADER);
  return headers;
}

/** `readLimits: false` serves reads unlimited, as the app did before issue 11 (the benchmark's "before"). */
export async function startInstance(databaseUrl: string, options: { readLimits?: boolean } = {}) {
  const limited = options.readLimits ?? true;
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, maxConnections: 10 });
  const bus = createBus(database);
  const auth = createAuth({ db: database.db, secret: SECRET, baseURL: "http://127.0.0.1" });
  const context = contextFactory({ db: database.db, bus, auth });
  const trpc = createHTTPHandler({
    router: appRouter,
    responseMeta,
    createContext: async ({ req }) => {
      const ctx = await context(headersOf(req, limited));
      return limited ? ctx : { ...ctx, address: undefined };
    },
  });
  const snapshotPath = /^\/api\/palaces\/([^/?]+)\/snapshot(?:\?|$)/;
  const server = http.createServer((req, res) => {
    const match = snapshotPath.exec(req.url ?? "");
    if (!match) return trpc(req, res);
    void (async () => {
      const headers = headersOf(req, limited);
      const request = new Request(`http://127.0.0.1${req.url}`, { headers });
      const user = await sessionUserFrom(auth, headers);
      const answer = await snapshotResponse(database.db, { userId: user?.id ?? null }, headers.get(PEER_ADDRESS_HEADER) ?? "unlimited", decodeURIComponent(match[1]!), request, { limited });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    database,
    bus,
    server,
    /** Signs a new person up through this instance's auth and returns their session cookie. */
    async signUp(name: string) {
      const email = `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const response = await auth.api.signUpEmail({ body: { email, password: "correct horse battery", name }, asResponse: true });
      const cookie = response.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const { user } = (await response.json()) as { user: { id: string } };
      return { id: user.id, cookie };
    },
    client(cookie?: string) {
      return createTRPCClient<AppRouter>({
        links: [httpLink({ url, transformer: superjson, headers: () => (cookie ? { cookie } : {}) })],
      });
    },
    /** Cuts every open connection, as a crashed load balancer or a network blip would. */
    dropConnections() {
      server.closeAllConnections();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.close();
      await database.close();
    },
  };
}

export type Instance = Awaited<ReturnType<typeof startInstance>>;
