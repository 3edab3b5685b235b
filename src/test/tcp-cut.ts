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
  close: () => Promise<void>;
}

export async function startTcpCut(databaseUrl: string): Promise<TcpCut> {
  const target = new URL(databaseUrl);
  const targetPort = Number(target.port || 5432);
  const targetHost = target.hostname || "127.0.0.1";
  const sockets = new Set<net.Socket>();
  let total = 0;
  let silent: Set<net.Socket> | null = null;
  const server = net.createServer((client) => {
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
    upstream.pipe(client);
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
      const closed = stopListening();
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
    close: async () => {
      for (const s of silent ?? []) s.destroy();
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (server.listening) await stopListening();
    },
  };
}
