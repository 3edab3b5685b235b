/**
 * The test SMTP server outlives senders that vanish mid-message: a cluster test kills an instance while
 * it is sending, and the reset connection must not end the test run with an unhandled error.
 */
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startSmtpCapture, type SmtpCapture } from "./smtp";
import { until } from "./until";

let capture: SmtpCapture | undefined;
afterEach(async () => {
  await capture?.close();
  capture = undefined;
});

/** Opens a connection, starts a transaction (EHLO, MAIL FROM), then resets it as a killed process's would be. */
async function resetMidTransaction(url: string): Promise<void> {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), "127.0.0.1");
  socket.on("error", () => {});
  let received = "";
  const waitFor = (code: string) => until(async () => received.split("\r\n").some((l) => l.startsWith(`${code} `)), 5_000, 10);
  socket.on("data", (chunk) => (received += chunk.toString("utf8")));
  await waitFor("220");
  received = "";
  socket.write("EHLO sender.example\r\n");
  await waitFor("250");
  received = "";
  socket.write("MAIL FROM:<sender@example.org>\r\n");
  await waitFor("250");
  socket.resetAndDestroy();
}

describe("startSmtpCapture", () => {
  it("keeps the error of a connection reset mid-transaction and goes on receiving", async () => {
    capture = await startSmtpCapture();
    await resetMidTransaction(capture.url);
    await until(async () => capture!.connectionErrors.length > 0, 5_000, 10);
    expect(capture.connectionErrors[0]).toMatchObject({ code: "ECONNRESET" });
    expect(capture.messages).toHaveLength(0);
  });
});
