// pnpm screenshots: the README's pictures of the room, at 1,280 and 390 px wide, in Indonesian and English,
// into docs/screenshots/room-<width>-<language>.png. Deterministic as far as a live app allows: the real
// server on a fresh embedded database, the same seeded room (names, purpose, proposal text), a fixed
// viewport and language, animations and the text caret off.
// Needs the built client (`pnpm build`).
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumPath } from "./utils/browser.ts";
import { seedDemoRoom } from "./utils/demoRoom.ts";
import { startStandaloneServer } from "./utils/standaloneServer.ts";

const outDir = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const viewports = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const languages = ["id", "en"] as const;

const server = await startStandaloneServer();
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
try {
  const demo = await seedDemoRoom(server.url, server.app, "screenshots");
  const roomPath = `/rooms/${demo.roomId}/proposals/${demo.proposalId}`;
  await fs.mkdir(outDir, { recursive: true });
  for (const language of languages) {
    for (const viewport of viewports) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport,
        deviceScaleFactor: 1,
        locale: language === "id" ? "id-ID" : "en-GB",
        timezoneId: "Asia/Makassar",
        reducedMotion: "reduce",
        serviceWorkers: "block",
      });
      await context.addInitScript(
        (chosen) =>
          // Runs in the page; the tests' programme has no DOM types.
          (
            globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }
          ).localStorage.setItem("mufakat.locale", chosen),
        language,
      );
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByTestId("login-email").fill(demo.coordinator.email);
      await page.getByTestId("login-password").fill(demo.coordinator.password);
      await page.getByTestId("login-submit").click();
      await page.waitForURL((url) => url.pathname === "/rooms");
      await page.goto(roomPath);
      await page.getByText("Air bersih dialirkan ke setiap kelurahan").first().waitFor();
      await page.waitForLoadState("networkidle");
      // Focus off the editor, so no selection or caret depends on timing.
      await page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { blur?(): void } | null } }
        ).document.activeElement?.blur?.(),
      );
      const file = path.join(outDir, `room-${viewport.width}-${language}.png`);
      await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
