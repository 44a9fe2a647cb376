// pnpm icons: renders the app's icon (client/public/favicon.svg) with Debian's Chromium into the PNGs the
// web app manifest names (192 and 512 px, and a 512 px maskable one whose mark sits inside the central
// safe zone on a full-bleed background), the 180 px apple-touch-icon and favicon.ico (16, 32 and 48 px
// PNGs in one ICO). The outputs are committed; run this again after changing the SVG.
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const publicDir = fileURLToPath(new URL("../client/public/", import.meta.url));
const svg = await fs.readFile(path.join(publicDir, "favicon.svg"), "utf8");
const background = "#0f5e67";

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
const page = await browser.newPage();

/** One PNG of the icon: `inset` is the share of each side left as background (maskable icons need 10 %). */
async function render(size: number, inset = 0, square = false): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const mark = inset > 0 || square ? svg.replace(/rx="112"/, 'rx="0"') : svg;
  const padding = Math.round(size * inset);
  await page.setContent(
    `<html><body style="margin:0;background:${inset > 0 || square ? background : "transparent"}">` +
      `<div style="padding:${padding}px;width:${size - 2 * padding}px;height:${size - 2 * padding}px">` +
      mark.replace("<svg ", '<svg width="100%" height="100%" ') +
      "</div></body></html>",
  );
  return page.screenshot({ omitBackground: !(inset > 0 || square), clip: { x: 0, y: 0, width: size, height: size } });
}

/** An ICO file holding PNG images (allowed since Windows Vista; every current browser reads it). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

try {
  await fs.writeFile(path.join(publicDir, "icon-192.png"), await render(192));
  await fs.writeFile(path.join(publicDir, "icon-512.png"), await render(512));
  // The mark inside the central 80 % circle that every mask keeps.
  await fs.writeFile(path.join(publicDir, "icon-maskable-512.png"), await render(512, 0.12));
  await fs.writeFile(path.join(publicDir, "apple-touch-icon.png"), await render(180, 0, true));
  const small: { size: number; png: Buffer }[] = [];
  for (const size of [16, 32, 48]) small.push({ size, png: await render(size) });
  await fs.writeFile(path.join(publicDir, "favicon.ico"), ico(small));
  console.log(`icons written to ${publicDir}`);
} finally {
  await browser.close();
}
