import http from "node:http";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import type { RequestContext } from "../http/context";
import type { EventBus } from "./bus";
import { endStreams, MAX_STREAMS_PER_IP, openStreams, streamTopic } from "./sse";

let subscribers = 0;
const bus: EventBus = {
  subscribe: () => {
    subscribers++;
    return () => {
      subscribers--;
    };
  },
  close: async () => {},
};

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function serve(opts: { forceCloseConnections?: boolean; endStreamsOnClose?: boolean } = { forceCloseConnections: true }): Promise<number> {
  app = Fastify(opts.forceCloseConnections ? { forceCloseConnections: true } : {});
  if (opts.endStreamsOnClose) {
    app.addHook("preClose", (done) => {
      endStreams(bus);
      done();
    });
  }
  app.decorateRequest("ctx", null as unknown as RequestContext);
  app.addHook("onRequest", async (req) => {
    req.ctx = { t: () => "Please wait a little and try again." } as unknown as RequestContext;
  });
  app.get("/events", async (req, reply) => {
    streamTopic(req, reply, bus, "topic");
    return reply;
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return typeof address === "object" && address ? address.port : 0;
}

/** Opens a stream and resolves with its status once the headers arrived. */
function connect(port: number): Promise<{ status: number; req: http.ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/events", agent: false }, (res) => resolve({ status: res.statusCode ?? 0, req }));
    req.on("error", reject);
  });
}

describe("live-update streams per client", () => {
  it("refuses streams past the cap with 429 and takes one again once a stream is closed", async () => {
    const port = await serve();
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_IP; i++) streams.push(await connect(port));
    expect(streams.every((s) => s.status === 200)).toBe(true);
    expect(openStreams("127.0.0.1")).toBe(MAX_STREAMS_PER_IP);

    const refused = await connect(port);
    expect(refused.status).toBe(429);
    refused.req.destroy();
    expect(subscribers).toBe(MAX_STREAMS_PER_IP);

    streams[0]?.req.destroy();
    await expect.poll(() => openStreams("127.0.0.1")).toBe(MAX_STREAMS_PER_IP - 1);
    expect(subscribers).toBe(MAX_STREAMS_PER_IP - 1);
    const again = await connect(port);
    expect(again.status).toBe(200);

    for (const s of [...streams, again]) s.req.destroy();
    await expect.poll(() => openStreams("127.0.0.1")).toBe(0);
    expect(subscribers).toBe(0);
  });

  it("ends its open streams when the server stops, so the stop does not wait for the clients (as the app does)", async () => {
    // Without forceCloseConnections, as in production: a server's close waits for open responses.
    const port = await serve({ endStreamsOnClose: true });
    const ended = new Promise<void>((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port, path: "/events", agent: false }, (res) => {
        res.on("data", () => {});
        res.once("end", () => resolve());
      });
      req.on("error", reject);
    });
    await expect.poll(() => openStreams("127.0.0.1")).toBe(1);
    // A close that waited for the client would never end (the client stays): the test would time out.
    await app?.close();
    app = null;
    await ended;
    expect(openStreams("127.0.0.1")).toBe(0);
    expect(subscribers).toBe(0);
  });
});
