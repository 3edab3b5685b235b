/**
 * A Server-Sent Events stream of one topic. Sends a comment every 25 s so proxies keep it open, and
 * stops on client disconnect. Pages stay correct without it: it only spares a reload.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EventBus } from "./bus";

export function streamTopic(req: FastifyRequest, reply: FastifyReply, bus: EventBus, topic: string, initial?: unknown): void {
  reply.hijack();
  const res = reply.raw;
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
  req.raw.on("close", () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
