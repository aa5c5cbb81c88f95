// A small server-sent-events client for tRPC subscriptions in Node (which has no EventSource):
// it reads the stream with fetch, decodes superjson, remembers the last tracked event id and
// reconnects with Last-Event-ID, as a browser's EventSource does.
import superjson from "superjson";

const RETRY_MS = 100;

export interface SseSubscription {
  /** Drops the connection as a network failure would, then reconnects with Last-Event-ID. */
  reconnect(): Promise<void>;
  close(): void;
  readonly lastEventId: string | null;
  /** How many times the stream broke and was opened again by itself. */
  readonly reconnects: number;
  /** Resolves once the server has accepted the stream. */
  readonly connected: Promise<void>;
}

export function subscribe<T>(
  url: string,
  input: unknown,
  options: {
    cookie?: string;
    onData: (data: T, id: string | null) => void;
    onError?: (error: unknown) => void;
    /** Told the size of each chunk as it arrives, before decoding (what the network carried). */
    onBytes?: (bytes: number) => void;
  },
): SseSubscription {
  let lastEventId: string | null = null;
  let reconnects = 0;
  let controller = new AbortController();
  let closed = false;
  let markConnected!: () => void;
  let connected = new Promise<void>((r) => (markConnected = r));

  const run = async (signal: AbortSignal) => {
    const query = `input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (options.cookie) headers.cookie = options.cookie;
    if (lastEventId) headers["last-event-id"] = lastEventId;
    const response = await fetch(`${url}?${query}`, { headers, signal });
    if (!response.ok || !response.body) throw new Error(`Subscription refused: HTTP ${response.status} ${await response.text()}`);
    const count = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
      transform(chunk, out) {
        options.onBytes?.(chunk.byteLength);
        out.enqueue(chunk);
      },
    });
    const reader = (response.body).pipeThrough(count).pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        let id: string | null = null;
        const data: string[] = [];
        for (const line of block.split("\n")) {
          const colon = line.indexOf(":");
          if (colon <= 0) continue;
          const field = line.slice(0, colon);
          const text = line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") event = text;
          else if (field === "id") id = text;
          else if (field === "data") data.push(text);
        }
        if (event === "connected") markConnected();
        if (event === "serialized-error") throw new Error(`Subscription failed: ${data.join("\n")}`);
        if (event !== "message" || data.length === 0) continue;
        if (id !== null) lastEventId = id;
        options.onData(superjson.deserialize<T>(JSON.parse(data.join("\n"))), id);
      }
    }
  };

  // Like EventSource: a stream that ends or breaks is opened again, resuming after lastEventId.
  const start = () => {
    const signal = controller.signal;
    run(signal)
      .catch((error: unknown) => {
        if (!signal.aborted && !closed) options.onError?.(error);
      })
      .finally(() => {
        if (signal.aborted || closed) return;
        connected = new Promise<void>((r) => (markConnected = r));
        reconnects++;
        setTimeout(start, RETRY_MS);
      });
  };
  start();

  return {
    get lastEventId() {
      return lastEventId;
    },
    get reconnects() {
      return reconnects;
    },
    get connected() {
      return connected;
    },
    async reconnect() {
      controller.abort();
      controller = new AbortController();
      connected = new Promise<void>((r) => (markConnected = r));
      start();
      await connected;
    },
    close() {
      closed = true;
      controller.abort();
    },
  };
}
