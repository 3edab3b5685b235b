import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pages } from "../../modules/pages/schema";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { components, spaces } from "../spaces/schema";

let p: TestPlatform;
let pageUrl = "";

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const published = new Date();
  const [open, , , transparent] = await p.deps.db
    .insert(spaces)
    .values([
      { type: "process", slug: "cyclable", title: { fr: "Un réseau cyclable pour la ville", en: "A cycling network for the city" }, shortDescription: { fr: "Des pistes cyclables sûres dans chaque quartier." }, publishedAt: published },
      { type: "process", slug: "cyclable-secret", title: { fr: "Réseau cyclable (préparation interne)" }, isPrivate: true, publishedAt: published },
      { type: "process", slug: "cyclable-draft", title: { fr: "Réseau cyclable, brouillon" } },
      { type: "assembly", slug: "mobilite", title: { nl: "Assemblee over fietsnetwerken" }, isPrivate: true, isTransparent: true, publishedAt: published },
    ])
    .returning({ id: spaces.id });
  if (!open || !transparent) throw new Error("fixture");
  const [component] = await p.deps.db.insert(components).values({ spaceId: open.id, manifest: "pages", name: { fr: "Documentation" }, publishedAt: published }).returning({ id: components.id });
  if (!component) throw new Error("fixture");
  const [page] = await p.deps.db
    .insert(pages)
    .values({ componentId: component.id, title: { fr: "Comment voter", en: "How voting works" }, body: { fr: "Chaque **habitant** vote pour trois tracés cyclables.", en: "Every **resident** votes for three cycling routes." } })
    .returning({ id: pages.id });
  pageUrl = `/spaces/cyclable/c/${component.id}/${page?.id}`;
}, 120_000);
afterAll(() => p.stop());

const search = (query: string, lang = "fr") => p.client().get(`/search?${query}`, { "accept-language": lang });

describe("site-wide search", () => {
  it("finds public processes, transparent assemblies and pages, stemmed in the reader's language, never private or unpublished spaces", async () => {
    const res = await search("q=pistes%20cyclables");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/processes/cyclable"');
    expect(res.body).not.toContain(pageUrl); // every word must match: the page has no "pistes"
    expect(res.body).not.toContain("cyclable-secret");
    expect(res.body).not.toContain("cyclable-draft");
    // "cyclables" finds "cyclable" through the French stemmer.
    const stem = await search("q=cyclables");
    expect(stem.body).toContain('href="/processes/cyclable"');
    expect(stem.body).toContain(pageUrl);
    // A Dutch reader finds the Dutch-only assembly by its words, and a French process by its exact French words.
    const nl = await search("q=fietsnetwerken", "nl");
    expect(nl.body).toContain('href="/assemblies/mobilite"');
    const exact = await search("q=r%C3%A9seau", "nl");
    expect(exact.body).toContain('href="/processes/cyclable"');
  });

  it("shows the reader's language with a fallback, excerpts as plain text, and petitions in their own language", async () => {
    const en = await search("q=routes", "en");
    expect(en.body).toContain("How voting works");
    expect(en.body).toContain("Every resident votes for three cycling routes.");
    expect(en.body).not.toContain("<strong>resident</strong>");
    const petition = await search("q=arbres");
    expect(petition.body).toContain("Plus d’arbres dans les rues de Bruxelles");
    expect(petition.body).toContain('lang="fr"');
  });

  it("counts every kind, filters by one kind with pages, and says so when nothing matches", async () => {
    const all = await search("q=cyclables", "fr");
    expect(all.body).toMatch(/Processus \(1\)/);
    expect(all.body).toMatch(/Pages \(1\)/);
    expect(all.body).toMatch(/Pétitions \(0\)/);
    const onlyPages = await search("q=cyclables&kind=pages", "en");
    expect(onlyPages.body).toContain(pageUrl);
    expect(onlyPages.body).not.toContain('href="/processes/cyclable"');
    expect(onlyPages.body).toContain('<span aria-current="page">Pages (1)</span>');
    const none = await search("q=zzzyxx", "en");
    expect(none.body).toContain("Nothing found. Try other or fewer words.");
    // Odd input is no error: operators, quotes, an unknown kind, a huge page.
    for (const q of ["q=%22cycl%20OR%20-", "q=cyclable&kind=nope&page=999999", "q=" + "a".repeat(300)]) expect((await search(q, "en")).statusCode).toBe(200);
  });

  it("shows the form alone without a query, and is linked from every page", async () => {
    const empty = await search("", "en");
    expect(empty.body).toContain('role="search"');
    expect(empty.body).not.toContain('role="status"');
    const home = await p.client().get("/", { "accept-language": "en" });
    expect(home.body).toContain('<a href="/search">Search</a>');
  });
});
