import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { RequestContext } from "../http/context";
import { translator } from "../i18n/translator";
import type { Locale } from "../i18n/locales";
import { CategoryFilter, CategorySelect, categoryChoices, FiledUnder, ScopeFilter, ScopeSelect } from "./fields";
import { scopeTree, type CategoryNode, type SpaceCategories } from "./queries";

const ctx = (locale: Locale = "en") =>
  ({ locale, t: translator(locale), org: { defaultLocale: "fr", availableLocales: ["fr", "nl", "en", "de"] }, user: null, csrfToken: () => "x" }) as unknown as RequestContext;

const cat = (id: number, en: string, children: CategoryNode["children"] = [], fr = en): CategoryNode => ({ id, spaceId: 1, parentId: null, name: { en, fr }, description: {}, weight: 0, children });
const sub = (id: number, parentId: number, en: string) => ({ id, spaceId: 1, parentId, name: { en }, description: {}, weight: 0 });
const options = (html: string) => html.slice(html.indexOf("<select"), html.indexOf("</select>") + 9);

const mobility = cat(1, "Mobility", [sub(2, 1, "Cycling"), sub(3, 1, "Walking")], "Mobilité");
const housing = cat(4, "Housing", [], "Logement");
const one: SpaceCategories[] = [{ spaceId: 1, spaceTitle: { en: "City" }, categories: [mobility, housing] }];

describe("the category and scope fields", () => {
  it("groups a parent and its sub-categories under the parent's name, in the reader's language", () => {
    const html = render(<CategorySelect ctx={ctx()} trees={categoryChoices(ctx(), one)} value={2} />);
    expect(options(html)).toBe(
      '<select id="field-categoryId" name="categoryId"><option value>No category</option><optgroup label="Mobility"><option value="1">Mobility</option><option value="2" selected>Cycling</option><option value="3">Walking</option></optgroup><option value="4">Housing</option></select>',
    );
    expect(html).toContain('<label for="field-categoryId">Category');
    // French reader: French names where they exist, the organization's language otherwise.
    expect(render(<CategorySelect ctx={ctx("fr")} trees={categoryChoices(ctx("fr"), one)} />)).toContain('<optgroup label="Mobilité"><option value="1">Mobilité</option><option value="2">Cycling</option>');
  });

  it("as a filter: 'any' first, a parent standing for its sub-categories, under the name a list's query uses", () => {
    const html = render(<CategoryFilter ctx={ctx()} trees={categoryChoices(ctx(), one)} value={1} />);
    expect(options(html)).toContain('<select id="field-category" name="category"><option value>Any category</option><optgroup label="Mobility"><option value="1" selected>Mobility (all)</option>');
    expect(options(render(<CategoryFilter ctx={ctx()} trees={categoryChoices(ctx(), one)} />))).toContain('<option value selected>Any category</option>');
  });

  it("groups several spaces' categories by space, sub-categories indented", () => {
    const two: SpaceCategories[] = [...one, { spaceId: 2, spaceTitle: { en: "School", fr: "École" }, categories: [cat(9, "Canteen")] }];
    const html = render(<CategorySelect ctx={ctx()} trees={categoryChoices(ctx(), two)} />);
    expect(options(html)).toBe(
      '<select id="field-categoryId" name="categoryId"><option value selected>No category</option><optgroup label="City"><option value="1">Mobility</option><option value="2">– Cycling</option><option value="3">– Walking</option><option value="4">Housing</option></optgroup><optgroup label="School"><option value="9">Canteen</option></optgroup></select>',
    );
  });

  it("renders nothing when there is nothing to choose", () => {
    expect(render(<CategorySelect ctx={ctx()} trees={[]} />)).toBe("");
    expect(render(<ScopeSelect ctx={ctx()} tree={scopeTree([])} />)).toBe("");
  });

  it("offers nested scopes: a top-level scope with those it contains as a group, deeper ones indented", () => {
    const tree = scopeTree([
      { id: 1, parentId: null, name: { en: "Region" }, scopeType: {}, code: "R", weight: 0 },
      { id: 2, parentId: 1, name: { en: "Ixelles", nl: "Elsene" }, scopeType: {}, code: "I", weight: 0 },
      { id: 3, parentId: 2, name: { en: "Flagey" }, scopeType: {}, code: null, weight: 0 },
      { id: 4, parentId: null, name: { en: "Elsewhere" }, scopeType: {}, code: null, weight: 1 },
    ]);
    expect(options(render(<ScopeSelect ctx={ctx()} tree={tree} value="3" />))).toBe(
      '<select id="field-scopeId" name="scopeId"><option value>No scope</option><optgroup label="Region"><option value="1">Region</option><option value="2">Ixelles</option><option value="3" selected>– Flagey</option></optgroup><option value="4">Elsewhere</option></select>',
    );
    expect(options(render(<ScopeFilter ctx={ctx("nl")} tree={tree} />))).toContain('<option value selected>Alle gebieden</option><optgroup label="Region"><option value="1">Region (alles)</option><option value="2">Elsene</option>');
  });

  it("names what a resource is filed under, escaped", () => {
    expect(render(<FiledUnder ctx={ctx()} category={{ en: "<b>Trees</b>" }} scope={{ fr: "Uccle" }} />)).toBe('<span class="filed-under">&lt;b>Trees&lt;/b> · Uccle</span>');
    expect(render(<FiledUnder ctx={ctx()} category={null} scope={null} />)).toBe("");
  });
});
