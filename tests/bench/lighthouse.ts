// pnpm bench:lighthouse: Lighthouse's performance score, CLS, transfer size and unused JavaScript for the
// login page and a member's room page, mobile and desktop presets, on the built client served by the real
// server (embedded FerretDB, seeded demo room). These are timings, so they are reported, not asserted
// (tests/lighthouse/ asserts accessibility, best practices and installability). Needs a built client
// (`pnpm build`). Writes tests/artifacts/lighthouse/summary.{json,md} and prints the table.
import fs from "node:fs/promises";
import path from "node:path";
import { artifactsDir } from "../utils/browser.ts";
import { seedDemoRoom } from "../utils/demoRoom.ts";
import { type LighthouseFigures, type LighthousePreset, auditPage } from "../utils/lighthouse.ts";
import { startStandaloneServer } from "../utils/standaloneServer.ts";

const presets: LighthousePreset[] = ["mobile", "desktop"];
const server = await startStandaloneServer();
const rows: Omit<LighthouseFigures, "lhr">[] = [];
try {
  const demo = await seedDemoRoom(server.url, server.app, "bench");
  const pages = [
    { name: "login", url: `${server.url}/login`, credentials: undefined },
    {
      name: "room",
      url: `${server.url}/rooms/${demo.roomId}/proposals/${demo.proposalId}`,
      credentials: demo.coordinator,
    },
  ];
  for (const page of pages) {
    for (const preset of presets) {
      const { lhr: _lhr, ...figures } = await auditPage(page.url, preset, page.credentials);
      rows.push({ ...figures, url: page.name });
      console.log(`${page.name} ${preset}: performance ${figures.scores.performance}, CLS ${figures.cls.toFixed(3)}`);
    }
  }
} finally {
  await server.stop();
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const ms = (value: number) => value.toFixed(0);
const table = [
  "| Page | Preset | Performance | FCP ms | LCP ms | TBT ms | Speed index ms | CLS | Accessibility | Best practices | SEO | Transfer KB | Unused JS KB |",
  "| ---- | ------ | ----------- | ------ | ------ | ------ | -------------- | --- | ------------- | -------------- | --- | ----------- | ------------ |",
  ...rows.map(
    (row) =>
      `| ${row.url} | ${row.preset} | ${row.scores.performance} | ${ms(row.timings.firstContentfulPaint)} | ${ms(row.timings.largestContentfulPaint)} | ${ms(row.timings.totalBlockingTime)} | ${ms(row.timings.speedIndex)} | ${row.cls.toFixed(3)} | ${row.scores.accessibility} | ${row.scores.bestPractices} | ${row.scores.seo} | ${kb(row.transferBytes)} | ${kb(row.unusedJsBytes)} |`,
  ),
].join("\n");
const outDir = path.join(artifactsDir, "lighthouse");
await fs.mkdir(outDir, { recursive: true });
await fs.writeFile(path.join(outDir, "summary.json"), `${JSON.stringify(rows, null, 2)}\n`);
await fs.writeFile(path.join(outDir, "summary.md"), `${table}\n`);
console.log(table);
for (const row of rows) {
  const busiest = row.busiestScripts.map((entry) => `${entry.script} ${entry.scriptingMs} ms`).join(", ");
  console.log(`${row.url} ${row.preset} busiest scripts: ${busiest}`);
}
for (const row of rows)
  if (row.failedAudits.length > 0) console.log(`${row.url} ${row.preset} failed: ${row.failedAudits.join(", ")}`);
process.exit(0);
