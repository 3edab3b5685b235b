import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const trust = (value: string | undefined) => loadConfig({ NODE_ENV: "test", ...(value === undefined ? {} : { TRUST_PROXY: value }) }).TRUST_PROXY;

describe("TRUST_PROXY", () => {
  it("is off by default and reads a hop count or proxy addresses", () => {
    expect(trust(undefined)).toBe(false);
    expect(trust("false")).toBe(false);
    expect(trust("0")).toBe(false);
    // A hop count is a function: Fastify 5 reads a bare number as "trust nobody".
    const two = trust("2");
    expect(typeof two === "function" && [0, 1, 2].map((hop) => two("10.0.0.1", hop))).toEqual([true, true, false]);
    expect(trust("10.0.0.0/8")).toEqual(["10.0.0.0/8"]);
    expect(trust("127.0.0.1, 10.0.0.0/8,fd00::/8")).toEqual(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
    expect(trust("loopback")).toEqual(["loopback"]);
  });

  it("refuses true at boot, saying what to write instead, and names bad entries", () => {
    expect(() => trust("true")).toThrow(ConfigError);
    expect(() => trust("true")).toThrow(/TRUST_PROXY: true would trust any X-Forwarded-For .*\(TRUST_PROXY=1\)/);
    expect(() => trust("yes")).toThrow(ConfigError);
    expect(() => trust("10.0.0.0/33")).toThrow(/not "10\.0\.0\.0\/33"/);
    expect(() => trust("proxy.example")).toThrow(ConfigError);
  });

  it("with one proxy, the client's forged left-most X-Forwarded-For entry is not its address", async () => {
    const app = Fastify({ trustProxy: trust("1") });
    app.get("/ip", (req) => ({ ip: req.ip }));
    const res = await app.inject({ url: "/ip", remoteAddress: "10.0.0.2", headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7" } });
    expect(res.json()).toEqual({ ip: "203.0.113.7" });
    await app.close();
  });

  it("with two proxies, the address the second one saw is the client's", async () => {
    const app = Fastify({ trustProxy: trust("2") });
    app.get("/ip", (req) => ({ ip: req.ip }));
    const res = await app.inject({ url: "/ip", remoteAddress: "10.0.0.2", headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.9" } });
    expect(res.json()).toEqual({ ip: "203.0.113.7" });
    await app.close();
  });

  it("with proxy addresses, only what those proxies say counts", async () => {
    const app = Fastify({ trustProxy: trust("10.0.0.0/8") });
    app.get("/ip", (req) => ({ ip: req.ip }));
    const viaProxy = await app.inject({ url: "/ip", remoteAddress: "10.0.0.2", headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7" } });
    expect(viaProxy.json()).toEqual({ ip: "203.0.113.7" });
    const direct = await app.inject({ url: "/ip", remoteAddress: "198.51.100.9", headers: { "x-forwarded-for": "6.6.6.6" } });
    expect(direct.json()).toEqual({ ip: "198.51.100.9" });
    await app.close();
  });
});

describe("PNYX_DB_RIDE_THROUGH_MS", () => {
  it("waits 10 s for a database away by default, reads a number of ms (0: not at all), and refuses nonsense", () => {
    expect(loadConfig({ NODE_ENV: "test" }).PNYX_DB_RIDE_THROUGH_MS).toBe(10_000);
    expect(loadConfig({ NODE_ENV: "test", PNYX_DB_RIDE_THROUGH_MS: "0" }).PNYX_DB_RIDE_THROUGH_MS).toBe(0);
    expect(loadConfig({ NODE_ENV: "test", PNYX_DB_RIDE_THROUGH_MS: "2500" }).PNYX_DB_RIDE_THROUGH_MS).toBe(2_500);
    expect(() => loadConfig({ NODE_ENV: "test", PNYX_DB_RIDE_THROUGH_MS: "soon" })).toThrow(/PNYX_DB_RIDE_THROUGH_MS/);
    expect(() => loadConfig({ NODE_ENV: "test", PNYX_DB_RIDE_THROUGH_MS: "-1" })).toThrow(ConfigError);
  });
});
