import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translator";

describe("newsletter counts", () => {
  it("agree with their number and use the language's thousands separator", () => {
    const en = translator("en");
    expect(en("newsletters.sentTo", { count: 1, date: "1 May 2026" })).toBe("Sent to 1 subscriber on 1 May 2026.");
    expect(en("newsletters.sentTo", { count: 35498, date: "1 May 2026" })).toBe("Sent to 35,498 subscribers on 1 May 2026.");
    expect(translator("nl")("newsletters.sentTo", { count: 1, date: "1 mei 2026" })).toBe("Verzonden naar 1 abonnee op 1 mei 2026.");
    expect(translator("de")("newsletters.sentTo", { count: 1, date: "1. Mai 2026" })).toBe("Am 1. Mai 2026 an 1 abonnierte Person versendet.");
    expect(translator("fr")("newsletters.sentTo", { count: 2, date: "1 mai 2026" })).toBe("Envoyée à 2 abonnés le 1 mai 2026.");
    expect(translator("de")("newsletters.progress", { queued: 1200, total: 35498 })).toBe("An die Versandwarteschlange übergeben: 1.200 von 35.498.");
  });
});
