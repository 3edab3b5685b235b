/**
 * A Server-Sent Events stream of one topic. Sends a comment every 25 s so proxies keep it open, and
 * stops on client disconnect. Pages stay correct without it: it only spares a reload.
 */
import type { ServerResponse } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EventBus } from "./bus";

/**
 * Open streams per client address on this instance. Each stream holds a socket and a subscription:
 * without a cap one client could open thousands and starve everyone else. 20 leaves room for a
 * household or a class behind one address with several tabs each.
 */
export const MAX_STREAMS_PER_IP = 20;
const open = new Map<string, number>();
/** The streams open on this instance, by the bus (one per running platform) they listen to. */
const streams = new Map<EventBus, Set<ServerResponse>>();

/**
 * Ends the streams of a platform whose server is stopping. A hijacked stream is a response the server's
 * close waits for: left open, it would hold the close, and the graceful stop (the jobs' included) would
 * last until the clients went or the process was killed, leaving a job run marked active. Browsers
 * reconnect (to another instance, or to this one started again).
 */
export function endStreams(bus: EventBus): void {
  for (const res of streams.get(bus) ?? []) res.end();
  streams.delete(bus);
}

/** How many streams `ip` holds open on this instance now. */
export function openStreams(ip: string): number {
  return open.get(ip) ?? 0;
}

/** Streams `topic` to the client, or answers 429 if its address already holds the maximum. */
export function streamTopic(req: FastifyRequest, reply: FastifyReply, bus: EventBus, topic: string, initial?: unknown): void {
  const ip = req.ip;
  if (openStreams(ip) >= MAX_STREAMS_PER_IP) {
    // EventSource retries after `retry-after`-less errors on its own schedule; the page works without it.
    void reply.code(429).header("retry-after", "60").type("text/plain; charset=utf-8").send(req.ctx.t("error.rateLimited.body"));
    return;
  }
  open.set(ip, openStreams(ip) + 1);
  reply.hijack();
  const res = reply.raw;
  const mine = streams.get(bus) ?? new Set<ServerResponse>();
  streams.set(bus, mine.add(res));
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  res.write("retry: 3000\n\n");
  if (initial !== undefined) send(initial);
  const unsubscribe = bus.subscribe(topic, send);
  const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
  // The response's close fires once, when the client goes or the server ends the stream.
  res.once("close", () => {
    clearInterval(heartbeat);
    mine.delete(res);
    unsubscribe();
    const left = openStreams(ip) - 1;
    if (left > 0) open.set(ip, left);
    else open.delete(ip);
  });
}
