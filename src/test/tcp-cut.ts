/**
 * A loopback TCP relay in front of PostgreSQL whose connections can be cut, as a database restart or a
 * network failure cuts them: `cut(ms)` destroys every open connection and refuses new ones for `ms`,
 * then accepts again on the same port. Tests of recovery point an instance's DATABASE_URL at it, so the
 * fault is real (sockets closed under the driver) while the database itself keeps its data.
 */
import net from "node:net";

export interface TcpCut {
  /** The database URL through the relay (same credentials and database, the relay's port). */
  url: string;
  /** Connections relayed so far (each new connection counts once). */
  connections: () => number;
  /** Closes every open connection and refuses new ones for `ms`; resolves once it accepts again. */
  cut: (ms: number) => Promise<void>;
  /**
   * For `ms`, new connections are accepted and never answered (a database address whose packets are
   * dropped: no refusal, the client's attempt hangs); open ones go on. Resolves once it relays again;
   * the connections accepted meanwhile are then closed.
   */
  silence: (ms: number) => Promise<void>;
  /**
   * The next `n` connections are relayed until the database says it is ready for queries, then fall
   * silent: nothing more goes either way, not even their end (a database that stops answering just after
   * a connection opened). `fallenSilent()` tells how many have so far. They stay open until the relay
   * closes: no cut ends them (their packets are lost, as before). Plain connections only: the relay
   * reads the server's messages, which TLS would hide.
   */
  silenceOnceReady: (n: number) => void;
  fallenSilent: () => number;
  close: () => Promise<void>;
}

/**
 * Relays the server's messages (a type byte, then a 4-byte length that counts itself) until its first
 * ReadyForQuery ('Z'), which ends the handshake; then calls `silence` instead of relaying more.
 */
function relayUntilReady(client: net.Socket, upstream: net.Socket, silence: () => void): void {
  let pending = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    let at = 0;
    while (pending.length - at >= 5) {
      const end = at + 1 + pending.readInt32BE(at + 1);
      if (end > pending.length) break;
      if (pending[at] === 0x5a) {
        upstream.off("data", onData);
        client.write(pending.subarray(0, end));
        silence();
        return;
      }
      at = end;
    }
    client.write(pending.subarray(0, at));
    pending = pending.subarray(at);
  };
  upstream.on("data", onData);
}

export async function startTcpCut(databaseUrl: string): Promise<TcpCut> {
  const target = new URL(databaseUrl);
  const targetPort = Number(target.port || 5432);
  const targetHost = target.hostname || "127.0.0.1";
  const sockets = new Set<net.Socket>();
  let total = 0;
  let silent: Set<net.Socket> | null = null;
  let silenceOnceReady = 0;
  /** Connections fallen silent after the handshake: kept open, never answered, until the relay closes. */
  const mute = new Set<net.Socket>();
  let muted = 0;
  // Half-open allowed: a silent connection's end (the client's FIN) is not answered by the relay's own.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    total++;
    if (silent) {
      silent.add(client);
      client.on("error", () => client.destroy());
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    if (silenceOnceReady > 0) {
      silenceOnceReady--;
      relayUntilReady(client, upstream, () => {
        client.unpipe(upstream);
        client.off("close", drop).off("error", drop);
        upstream.off("close", drop).off("error", drop);
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
        mute.add(client);
        muted++;
        client.on("error", () => {});
        client.resume(); // what the client sends is lost (unpipe paused it)
        client.on("close", () => mute.delete(client));
      });
    } else {
      upstream.pipe(client);
    }
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => (server.off("error", reject), resolve())));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    url: url.toString(),
    connections: () => total,
    cut: async (ms) => {
      // A connection fallen silent is not cut (its packets are lost, as before): the server's close then
      // waits for it, so the port is given up without waiting for the server's connections to end.
      const closed = mute.size > 0 ? (server.close(), Promise.resolve()) : stopListening();
      for (const s of sockets) s.destroy();
      sockets.clear();
      await closed;
      await new Promise((r) => setTimeout(r, ms));
      await listen(port);
    },
    silence: async (ms) => {
      const held = new Set<net.Socket>();
      silent = held;
      await new Promise((r) => setTimeout(r, ms));
      silent = null;
      for (const s of held) s.destroy();
    },
    silenceOnceReady: (n) => void (silenceOnceReady = n),
    fallenSilent: () => muted,
    close: async () => {
      for (const s of mute) s.destroy();
      for (const s of silent ?? []) s.destroy();
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (server.listening) await stopListening();
    },
  };
}
