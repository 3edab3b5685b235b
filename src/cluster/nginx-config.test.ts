/**
 * docs/deployment.md shows the nginx configuration that docs/nginx-pnyx.conf ships and the cluster runs:
 * the two must say the same (every directive, in order; comments aside), or the doc drifts from what
 * the tests prove. The template must also fill into a configuration with every instance in it.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NGINX_TEMPLATE, nginxSite } from "./cluster";

const directives = (text: string) =>
  text
    .split("\n")
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter(Boolean);

describe("the nginx configuration of several instances", () => {
  it("is the same in docs/deployment.md as in the file the cluster runs", async () => {
    const doc = await fs.readFile(path.join(path.dirname(NGINX_TEMPLATE), "deployment.md"), "utf8");
    const section = doc.slice(doc.indexOf("## Several instances"));
    const block = /```nginx\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    expect(directives(block ?? "")).toEqual(directives(await fs.readFile(NGINX_TEMPLATE, "utf8")));
  });

  it("fills in every instance, the address and the name", async () => {
    const site = await nginxSite([41001, 41002, 41003], "127.0.0.1:41000", "pnyx.test");
    expect(site).not.toContain("{{");
    expect(site.match(/server 127\.0\.0\.1:4100[123] max_fails=1 fail_timeout=5s;/g)).toHaveLength(3);
    expect(site).toContain("listen 127.0.0.1:41000;");
    expect(site).toContain("server_name pnyx.test;");
  });
});
