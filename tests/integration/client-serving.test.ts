// How the server serves the built client: hashed files under /assets cached for a year and immutable,
// everything else revalidated; a missing file is a 404 and never the app's page; client-side routes get
// the page; answers are compressed as the browser asks. A small client folder stands in for the build.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForSuite } from "../utils/server.ts";

let clientDir = "";
const page = `<!doctype html><html lang="id"><head><title>Mufakat</title></head><body>${"<p>ruang</p>".repeat(200)}</body></html>`;
const script = `export const greeting = ${JSON.stringify("halo ".repeat(400))};\n`;

beforeAll(async () => {
  clientDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-client-"));
  await fs.mkdir(path.join(clientDir, "assets"));
  await fs.writeFile(path.join(clientDir, "index.html"), page);
  await fs.writeFile(path.join(clientDir, "assets", "index-Ab12Cd34.js"), script);
  await fs.writeFile(path.join(clientDir, "manifest.webmanifest"), '{"name":"Mufakat","short_name":"Mufakat"}');
  await fs.writeFile(path.join(clientDir, "robots.txt"), "User-agent: *\nDisallow: /api/\n");
  await fs.writeFile(path.join(clientDir, "favicon.ico"), Buffer.from([0, 0, 1, 0, 0, 0]));
  await fs.writeFile(path.join(clientDir, "sw.js"), "self.addEventListener('fetch', () => {});\n");
});
afterAll(async () => {
  await fs.rm(clientDir, { recursive: true, force: true });
});

const server = serverForSuite(() => ({ clientDir }));

async function get(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${pathname}`, { headers });
}

describe("the built client", () => {
  it("serves hashed assets for a year, immutable", async () => {
    const response = await get("/assets/index-Ab12Cd34.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe(script);
  });

  it("answers 404 in plain text for an asset that is not there, not the page", async () => {
    for (const missing of ["/assets/index-Zz99.js", "/assets/deep/chunk.css", "/assets/"]) {
      const response = await get(missing);
      expect(response.status, missing).toBe(404);
      expect(response.headers.get("content-type"), missing).toBe("text/plain; charset=utf-8");
      expect(await response.text(), missing).toBe("Not found");
    }
  });

  it("serves the manifest, robots.txt, favicon.ico and the service worker as themselves, revalidated", async () => {
    const expected = [
      ["/manifest.webmanifest", "application/manifest+json; charset=utf-8"],
      ["/robots.txt", "text/plain; charset=utf-8"],
      ["/favicon.ico", "image/vnd.microsoft.icon"],
      ["/sw.js", "text/javascript; charset=utf-8"],
    ] as const;
    for (const [pathname, type] of expected) {
      const response = await get(pathname);
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get("content-type"), pathname).toBe(type);
      expect(response.headers.get("cache-control"), pathname).toBe("no-cache");
      expect(Buffer.from(await response.arrayBuffer())).toEqual(
        await fs.readFile(path.join(clientDir, pathname.slice(1))),
      );
    }
  });

  it("answers 404 for a file name that does not exist anywhere, such as /manifest.json", async () => {
    for (const missing of ["/manifest.json", "/apple-touch-icon-precomposed.png", "/rooms/x/report.pdf"]) {
      const response = await get(missing);
      expect(response.status, missing).toBe(404);
      expect(await response.text(), missing).toBe("Not found");
    }
  });

  it("gives client-side routes the page, revalidated on every load", async () => {
    for (const route of [
      "/",
      "/login",
      "/rooms/65f0c0ffee0000000000abcd",
      "/invite/AbC-_09xyz",
      // An invite link's last segment is `<id>.<signature>`: a dot, yet a route, not a file.
      "/invite/65f0c0ffee0000000000abcd.RF1SQRnR6AU4bKTh1JASV7liFVMCC-jZbKeijXYaBqo",
    ]) {
      const response = await get(route);
      expect(response.status, route).toBe(200);
      expect(response.headers.get("content-type"), route).toBe("text/html; charset=utf-8");
      expect(response.headers.get("cache-control"), route).toBe("no-cache");
      expect(await response.text(), route).toBe(page);
    }
  });

  it("compresses the page, assets and API answers with brotli or gzip, as asked", async () => {
    const brotli = await get("/login", { "accept-encoding": "br" });
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(await brotli.text()).toBe(page);

    // fetch decodes what it is sent; node:http shows the bytes on the wire.
    const http = await import("node:http");
    const raw = await new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>(
      (resolve, reject) => {
        http
          .get(`${server.url}/assets/index-Ab12Cd34.js`, { headers: { "accept-encoding": "gzip" } }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({
                encoding: response.headers["content-encoding"],
                vary: response.headers.vary,
                body: Buffer.concat(chunks),
              }),
            );
          })
          .on("error", reject);
      },
    );
    expect(raw.encoding).toBe("gzip");
    expect(raw.vary).toBe("Origin, Accept-Encoding");
    expect(raw.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(gunzipSync(raw.body).toString()).toBe(script);

    const api = await get("/api/openapi.json", { "accept-encoding": "gzip" });
    expect(api.status).toBe(200);
    expect(api.headers.get("content-encoding")).toBe("gzip");
    expect(((await api.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it("sends a small answer uncompressed", async () => {
    const response = await get("/healthz", { "accept-encoding": "br, gzip" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBeNull();
  });
});
