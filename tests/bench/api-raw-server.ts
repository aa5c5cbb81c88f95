// The bare baseline for `npm run bench:api`: node:http and postgres.js sending exactly the SQL
// statements the app's procedures send (captured from them by the benchmark and handed over in
// a JSON file), with no Next.js, tRPC, validation or session lookup. What the app costs on top
// of this is what the stack costs.
import http from "node:http";
import fs from "node:fs";
import postgres from "postgres";

/** A slot the request fills in. */
export type ParamSlot = { $: "id" | "version" | "nextVersion" | "roomId" | "x" | "z" | "title" | "now" };
/** A captured parameter (any value), or a ParamSlot. */
export type Param = unknown;

export interface Statement {
  sql: string;
  params: Param[];
  /** Whether the app sent it inside the procedure's transaction. */
  inTransaction: boolean;
}

export interface RawPlan {
  databaseUrl: string;
  maxConnections: number;
  /** The statements of one call to each procedure, in order. */
  get: Statement[];
  move: Statement[];
  update: Statement[];
}

type Slots = Partial<Record<"id" | "version" | "nextVersion" | "roomId" | "x" | "z" | "title" | "now", unknown>>;

function bind(params: Param[], slots: Slots): unknown[] {
  return params.map((p) => (p !== null && typeof p === "object" && "$" in p ? slots[(p as ParamSlot).$] : p));
}

async function main() {
  const plan = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as RawPlan;
  const sql = postgres(plan.databaseUrl, { max: plan.maxConnections, onnotice: () => {} });
  type Sql = typeof sql | postgres.TransactionSql;
  const run = (db: Sql, s: Statement, slots: Slots) => db.unsafe(s.sql, bind(s.params, slots) as postgres.ParameterOrJSON<never>[]);

  /** Runs the statements outside the transaction, then the rest inside one; returns the last result. */
  async function execute(statements: Statement[], slots: Slots) {
    let last: unknown[] = [];
    for (const s of statements.filter((s) => !s.inTransaction)) last = await run(sql, s, slots);
    const inside = statements.filter((s) => s.inTransaction);
    if (inside.length > 0) {
      last = await sql.begin(async (tx) => {
        let rows: unknown[] = [];
        for (const s of inside) {
          const result = await run(tx, s, slots);
          // The versioned UPDATE matched nothing: a stale version, refused as the app does.
          if (/^update /i.test(s.sql) && result.length === 0) throw Object.assign(new Error("stale version"), { status: 409 });
          rows = result;
        }
        return rows;
      });
    }
    return last;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = async () => {
        if (req.method === "GET" && req.url?.startsWith("/palace.get")) {
          const results = [];
          for (const s of plan.get) results.push(await run(sql, s, {}));
          return results;
        }
        const input = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { json: Record<string, unknown> }).json;
        const common = { id: input.id, version: input.version, nextVersion: Number(input.version) + 1, now: new Date().toISOString() };
        if (req.url === "/locus.move") return execute(plan.move, { ...common, roomId: input.roomId, x: input.x, z: input.z });
        if (req.url === "/concept.update") return execute(plan.update, { ...common, title: input.title });
        throw Object.assign(new Error("no such route"), { status: 404 });
      };
      answer().then(
        (body) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        },
        (error: { status?: number; message?: string }) => {
          res.writeHead(error.status ?? 500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: error.message }));
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
  process.on("SIGTERM", () => {
    server.closeAllConnections();
    server.close();
    void sql.end({ timeout: 1 }).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
