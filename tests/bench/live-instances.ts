// The app side of `npm run bench:live`, in a process of its own so that its CPU time is measured
// apart from the clients': two app instances with read limits (the live palace) and one
// without (the "before" throughput of palace.get and the snapshot's cache, unthrottled). Driven
// by messages from tests/bench/live.ts.
import { sql } from "drizzle-orm";
import { type Instance, startInstance } from "../helpers/instances";

type Command =
  | { id: number; cmd: "cpu" }
  | { id: number; cmd: "signUp"; name: string }
  | { id: number; cmd: "dropListen" }
  | { id: number; cmd: "dropConnections" }
  | { id: number; cmd: "close" };

const send = (message: unknown) => process.send!(message);

async function main() {
  const url = process.argv[2]!;
  const one = await startInstance(url);
  await one.database.migrate();
  const two = await startInstance(url);
  const open = await startInstance(url, { readLimits: false });
  // Instance 2 listens first, so the one LISTEN connection seen now is the one to cut later.
  await two.bus.subscribe(crypto.randomUUID(), () => undefined);
  const result: unknown = await two.database.db.execute(
    sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
  );
  const listening = result as { pid: number }[];
  const twoListenPid = listening[0]?.pid;
  await one.bus.subscribe(crypto.randomUUID(), () => undefined);
  await open.bus.subscribe(crypto.randomUUID(), () => undefined);
  const instances: Instance[] = [one, two, open];

  process.on("message", (message: Command) => {
    void (async () => {
      switch (message.cmd) {
        case "cpu":
          return send({ id: message.id, usage: process.cpuUsage() });
        case "signUp":
          return send({ id: message.id, user: await one.signUp(message.name) });
        case "dropListen":
          await two.database.db.execute(sql`select pg_terminate_backend(${twoListenPid ?? -1}::int)`);
          return send({ id: message.id, dropped: twoListenPid !== undefined });
        case "dropConnections":
          two.dropConnections();
          return send({ id: message.id });
        case "close":
          for (const instance of instances) await instance.close();
          send({ id: message.id });
          process.exit(0);
      }
    })().catch((error: unknown) => send({ id: message.id, error: String(error) }));
  });
  send({ ready: true, urls: instances.map((i) => i.url), twoListenPid });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
