// Installable and quiet: Chromium's own installability check passes on the built client (manifest,
// icons, service worker), the manifest says what the app is, and an anonymous visit neither asks for a
// session nor logs anything in the console; a signed-in member who reloads is still signed in; and a room
// the member had open loads without a network, saying so in the browser's language (Indonesian, English).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { browserForSuite, builtClientDir, chromiumPath } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { installabilityErrors } from "../utils/lighthouse.ts";
import { startServer } from "../utils/server.ts";

const suite = browserForSuite();
const { server } = suite;

describe("an anonymous visit", () => {
  it("logs nothing in the console and does not ask for a session", async () => {
    // The app as installed: its service worker registers (and must log nothing either).
    const { page } = await suite.openUserForTest({ serviceWorkers: "allow" });
    const logged: string[] = [];
    const sessionRequests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") logged.push(message.text());
    });
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/auth/")) sessionRequests.push(request.url());
    });
    await page.goto("/rooms");
    await page.waitForURL((url) => url.pathname === "/login");
    await page.getByTestId("login-email").waitFor();
    await page.waitForLoadState("networkidle");
    expect(logged, logged.join("\n")).toEqual([]);
    expect(sessionRequests).toEqual([]);
  });

  it("finds the meta description and the icons in the page", async () => {
    const { page } = await suite.openUserForTest();
    await page.goto("/login");
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toBe(
      "Mufakat: ruang musyawarah daring tempat pemerintah, swasta dan masyarakat menyusun usulan bersama dan memutuskan dengan mufakat.",
    );
    expect(await page.locator('link[rel="manifest"]').getAttribute("href")).toBe("/manifest.webmanifest");
    for (const icon of ["/favicon.ico", "/favicon.svg", "/icon-192.png", "/icon-512.png", "/icon-maskable-512.png"]) {
      const response = await page.request.get(icon);
      expect(response.status(), icon).toBe(200);
      expect(response.headers()["content-type"], icon).toMatch(/^image\//);
    }
  });
});

describe("a member who reloads", () => {
  it("is still signed in, and after signing out a reload asks for no session", async () => {
    const { page } = await suite.openUserForTest();
    const { input, session } = await registeredClient(server.url, "community");
    await page.goto("/login");
    await page.getByTestId("login-email").fill(input.email);
    await page.getByTestId("login-password").fill(input.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => url.pathname === "/rooms");
    await page.reload();
    await page.getByTestId("logout").waitFor();
    expect(page.url()).toBe(`${server.url}/rooms`);
    expect(await page.getByTestId("current-user").textContent()).toContain(session.user.displayName);

    await page.getByTestId("logout").click();
    await page.waitForURL((url) => url.pathname === "/login");
    const refreshes: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/auth/refresh") refreshes.push(request.method());
    });
    await page.reload();
    await page.getByTestId("login-email").waitFor();
    await page.waitForLoadState("networkidle");
    expect(refreshes).toEqual([]);
  });
});

interface Profile {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Chromium refuses to install from an incognito context, which is what playwright's contexts are: a
 * persistent profile in a temporary folder instead, asking for `locale`.
 */
async function persistentProfile(locale: string): Promise<Profile> {
  const profileDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-install-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
    baseURL: server.url,
    locale,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await fs.rm(profileDir, { recursive: true, force: true });
    },
  };
}

describe("installing the app", () => {
  let profile: Profile | null = null;
  let context: BrowserContext | null = null;
  beforeAll(async () => {
    profile = await persistentProfile("id-ID");
    context = profile.context;
  });
  afterAll(async () => {
    await profile?.close();
  });

  it("passes Chromium's installability check once the service worker runs", async () => {
    if (!context) throw new Error("no browser context");
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByTestId("login-email").waitFor();
    const scope = await page.evaluate(async () => {
      // The tests' programme has no DOM types; this runs in the page.
      const { navigator } = globalThis as unknown as {
        navigator: { serviceWorker: { ready: Promise<{ scope: string }> } };
      };
      return (await navigator.serviceWorker.ready).scope;
    });
    expect(scope).toBe(`${server.url}/`);
    expect(await installabilityErrors(page)).toEqual([]);
  });

  it("serves a manifest with the app's name, start page, display mode, colours and icons", async () => {
    const response = await fetch(`${server.url}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/manifest+json; charset=utf-8");
    expect(await response.json()).toEqual({
      id: "/",
      name: "Mufakat — ruang musyawarah",
      short_name: "Mufakat",
      description:
        "Ruang musyawarah daring: pemerintah, swasta dan masyarakat menyusun usulan bersama dan memutuskan dengan mufakat.",
      lang: "id",
      dir: "ltr",
      start_url: "/rooms",
      scope: "/",
      display: "standalone",
      theme_color: "#0f5e67",
      background_color: "#f5f6f8",
      icons: [
        { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      ],
    });
  });
});

const offlineText = {
  id: {
    status: "Luring",
    banner: "Anda sedang luring. Suntingan Anda tetap di perangkat ini dan dikirim saat Anda kembali daring.",
  },
  en: {
    status: "Offline",
    banner: "You are offline. Your edits stay on this device and are sent when you are back online.",
  },
} as const;

describe.each([
  ["id", "id-ID"],
  ["en", "en-US"],
] as const)("the installed app without a network (%s)", (language, locale) => {
  let profile: Profile | null = null;
  let context: BrowserContext | null = null;
  beforeAll(async () => {
    profile = await persistentProfile(locale);
    context = profile.context;
  });
  afterAll(async () => {
    await profile?.close();
  });

  it("opens a room the member had open without a network, with its last-synced proposal, saying it is offline", async () => {
    if (!context) throw new Error("no browser context");
    // A server of its own, stopped halfway: the room then has no server to reach at all.
    const ownServer = await startServer({ clientDir: builtClientDir() });
    try {
      const { client, input, session } = await registeredClient(ownServer.url, "community");
      const room = await client.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
      expect(room.status).toBe(201);
      const text = "Air bersih dialirkan dua kali sehari ke setiap kelurahan.";
      const proposalId = await seedProposal(ownServer, room.body.id, session.user.id, text);
      const roomPath = `${ownServer.url}/rooms/${room.body.id}/proposals/${proposalId}`;

      const page = await context.newPage();
      await page.goto(`${ownServer.url}/login`);
      await page.getByTestId("login-email").fill(input.email);
      await page.getByTestId("login-password").fill(input.password);
      await page.getByTestId("login-submit").click();
      await page.waitForURL((url) => url.pathname === "/rooms");
      // The service worker is installed and controls the page (polled with evaluate: the page's CSP refuses
      // the functions waitForFunction compiles).
      await eventually(async () => {
        const controlled = await page.evaluate(
          () =>
            (globalThis as unknown as { navigator: { serviceWorker: { controller: object | null } } }).navigator
              .serviceWorker.controller !== null,
        );
        expect(controlled).toBe(true);
      });
      await page.goto(roomPath);
      const editor = page.getByTestId("proposal-editor");
      await editor.getByText(text).waitFor();
      await page.getByTestId("connection-status").and(page.locator('[data-state="connected"]')).waitFor();
      await page.waitForLoadState("networkidle");

      await ownServer.close();
      await context.setOffline(true);
      await page.reload();
      await editor.getByText(text).waitFor();
      const status = page.getByTestId("connection-status");
      await status.and(page.locator('[data-state="offline"]')).waitFor();
      expect((await status.textContent())?.trim()).toBe(offlineText[language].status);
      expect(await page.getByTestId("offline-banner").textContent()).toBe(offlineText[language].banner);
      expect(page.url()).toBe(roomPath);
      expect(await page.getByRole("heading", { name: "Air bersih Tamalate" }).count()).toBeGreaterThan(0);
      await page.close();
    } finally {
      await context.setOffline(false);
      await ownServer.close().catch(() => undefined);
    }
  });
});
