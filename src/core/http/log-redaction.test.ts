import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { loggerSerializers, redactUrl } from "./log-redaction";

describe("tokens never reach the request log", () => {
  it("redacts the token segments of mail links", () => {
    expect(redactUrl("/petitions/12/confirm/Zx9_secret")).toBe("/petitions/12/confirm/[redacted]");
    expect(redactUrl("/petitions/12/withdraw/Zx9_secret")).toBe("/petitions/12/withdraw/[redacted]");
    expect(redactUrl("/petitions/12/cosponsor/Zx9_secret")).toBe("/petitions/12/cosponsor/[redacted]");
    expect(redactUrl("/newsletter/unsubscribe/Zx9.secret")).toBe("/newsletter/unsubscribe/[redacted]");
    expect(redactUrl("/sortition/seats/Zx9_secret_seat_token_01")).toBe("/sortition/seats/[redacted]");
    expect(redactUrl("/petitions/12/confirm/Zx9_secret/more?x=1")).toBe("/petitions/12/confirm/[redacted]?x=1");
    expect(redactUrl("/petitions/12/%63onfirm/Zx9_secret")).toBe("/petitions/12/%63onfirm/[redacted]");
  });

  it("redacts token query values and keeps everything else as requested", () => {
    expect(redactUrl("/users/confirm?token=abc123")).toBe("/users/confirm?token=[redacted]");
    expect(redactUrl("/account/email/confirm?token=abc&x=1")).toBe("/account/email/confirm?token=[redacted]&x=1");
    expect(redactUrl("/users/password/reset?lang=fr&token=abc")).toBe("/users/password/reset?lang=fr&token=[redacted]");
    expect(redactUrl("/x?t=abc&key=def&sponsor_token=ghi&%74oken=jkl")).toBe("/x?t=[redacted]&key=[redacted]&sponsor_token=[redacted]&%74oken=[redacted]");
    expect(redactUrl("/petitions?q=v%C3%A9lo&state=published")).toBe("/petitions?q=v%C3%A9lo&state=published");
  });

  it("leaves route words and plain pages alone", () => {
    expect(redactUrl("/users/confirm/resend")).toBe("/users/confirm/resend");
    expect(redactUrl("/users/confirm")).toBe("/users/confirm");
    expect(redactUrl("/petitions/12")).toBe("/petitions/12");
    expect(redactUrl("/")).toBe("/");
  });

  it("is what Fastify logs when its logger uses the serializers", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ logger: { level: "info", stream, serializers: loggerSerializers } });
    app.get("/petitions/:id/confirm/:token", async () => ({ ok: true }));
    await app.inject({ url: "/petitions/3/confirm/very-secret-token?token=other-secret" });
    await app.close();
    const log = lines.join("");
    expect(log).toContain('"url":"/petitions/3/confirm/[redacted]?token=[redacted]"');
    expect(log).not.toContain("secret");
  });
});
