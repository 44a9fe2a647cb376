import { describe, expect, it } from "vitest";
import { browserLocale } from "./translate.ts";

describe("the first language, from the browser's preferred languages", () => {
  it("is the first one the app speaks, by primary subtag", () => {
    expect(browserLocale(["en-US", "id-ID"])).toBe("en");
    expect(browserLocale(["id-ID", "en-US"])).toBe("id");
    expect(browserLocale(["EN_gb"])).toBe("en");
    expect(browserLocale(["fr-FR", "en"])).toBe("en");
    expect(browserLocale(["de", "in", "en"])).toBe("id");
  });

  it("is Indonesian when the browser asks for none the app speaks, or for nothing", () => {
    expect(browserLocale(["fr-FR", "ja"])).toBe("id");
    expect(browserLocale([])).toBe("id");
    expect(browserLocale([""])).toBe("id");
  });
});
