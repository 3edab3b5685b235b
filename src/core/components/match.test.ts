import { describe, expect, it } from "vitest";
import { matchRoute } from "./match";

const routes = [
  { method: "GET", path: "/", id: "index" },
  { method: "GET", path: "/new", id: "new" },
  { method: "GET", path: "/:pageId", id: "show" },
  { method: "POST", path: "/:pageId", id: "update" },
  { method: "GET", path: "/:pageId/edit", id: "edit" },
];

describe("matchRoute", () => {
  it("matches the first route in order, with parameters", () => {
    expect(matchRoute(routes, "GET", "")?.route.id).toBe("index");
    expect(matchRoute(routes, "GET", "/")?.route.id).toBe("index");
    expect(matchRoute(routes, "GET", "/new")?.route.id).toBe("new");
    expect(matchRoute(routes, "GET", "/12")).toMatchObject({ route: { id: "show" }, params: { pageId: "12" } });
    expect(matchRoute(routes, "POST", "/12")?.route.id).toBe("update");
    expect(matchRoute(routes, "GET", "/12/edit/")?.params).toEqual({ pageId: "12" });
  });
  it("returns null when nothing matches", () => {
    expect(matchRoute(routes, "GET", "/12/x")).toBeNull();
    expect(matchRoute(routes, "DELETE", "/12")).toBeNull();
    expect(matchRoute(routes, "GET", "/%E0%A4%A")).toBeNull();
  });
});
