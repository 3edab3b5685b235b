import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import "../../modules";
import { catalogue } from "./catalogues";
import { LOCALES } from "./locales";

// Keys are complete at compile time for each area's own catalogue, but a message is compiled only when
// first shown: a broken ICU plural would surface as a 500 on some page. So every message is compiled here,
// in every language, with the components' catalogues registered.
const all = catalogue as Record<(typeof LOCALES)[number], Record<string, string>>;

describe("the message catalogues", () => {
  it("hold the same keys in every language", () => {
    const english = Object.keys(all.en).sort();
    for (const l of LOCALES) expect(Object.keys(all[l]).sort(), l).toEqual(english);
  });

  it("hold only valid ICU messages", () => {
    const broken: string[] = [];
    for (const l of LOCALES) {
      for (const [key, source] of Object.entries(all[l])) {
        try {
          new IntlMessageFormat(source, l);
        } catch (error) {
          broken.push(`${l} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  // A proposal page shows the kit's endorsements and the component's supports, each under its heading.
  it("name the kit's endorsements apart from the proposals' supports", () => {
    for (const l of LOCALES) {
      expect(all[l]["endorsements.title"], l).not.toBe(all[l]["proposals.support.title"]);
      expect(all[l]["endorsements.button"], l).not.toBe(all[l]["proposals.action.support"]);
    }
  });
});
