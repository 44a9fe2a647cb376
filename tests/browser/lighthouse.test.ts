// Lighthouse (npm, on Debian's Chromium) on the login page and a member's room page, with the mobile and
// desktop presets: accessibility and best practices are asserted here; performance and CLS are timings,
// reported by `pnpm bench:lighthouse` instead. Installability is Chromium's own check, in installable.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { browserForSuite } from "../utils/browser.ts";
import { type DemoRoom, seedDemoRoom } from "../utils/demoRoom.ts";
import { type LighthousePreset, auditPage } from "../utils/lighthouse.ts";

const { server } = browserForSuite();
let demo: DemoRoom;

beforeAll(async () => {
  demo = await seedDemoRoom(server.url, server.app, "lighthouse");
});

const presets: LighthousePreset[] = ["mobile", "desktop"];

describe.each(presets)("Lighthouse, %s preset", (preset) => {
  it("scores the login page 100 for accessibility and at least 95 for best practices", async () => {
    const figures = await auditPage(`${server.url}/login`, preset);
    expect(figures.failedAudits).toEqual([]);
    expect(figures.scores.accessibility).toBe(100);
    expect(figures.scores.bestPractices).toBeGreaterThanOrEqual(95);
  }, 180_000);

  it("scores a member's room page 100 for accessibility and at least 95 for best practices", async () => {
    const figures = await auditPage(
      `${server.url}/rooms/${demo.roomId}/proposals/${demo.proposalId}`,
      preset,
      demo.coordinator,
    );
    expect(figures.lhr.finalDisplayedUrl).toBe(`${server.url}/rooms/${demo.roomId}/proposals/${demo.proposalId}`);
    expect(figures.failedAudits).toEqual([]);
    expect(figures.scores.accessibility).toBe(100);
    expect(figures.scores.bestPractices).toBeGreaterThanOrEqual(95);
  }, 180_000);
});
