/** Matches a component-relative path ("/12/edit") against route patterns ("/:pageId/edit"). */
export interface Pattern {
  method: string;
  path: string;
}

/** The first route whose method and pattern match, with its decoded parameters. */
export function matchRoute<R extends Pattern>(routes: readonly R[], method: string, rest: string): { route: R; params: Record<string, string> } | null {
  const parts = rest.split("/").filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matched = pattern.every((seg, i) => {
      const part = parts[i] ?? "";
      if (seg.startsWith(":")) {
        try {
          params[seg.slice(1)] = decodeURIComponent(part);
        } catch {
          return false;
        }
        return true;
      }
      return seg === part;
    });
    if (matched) return { route, params };
  }
  return null;
}
