// axe-core in the page under test: injects axe.min.js (from npm, not a CDN) and runs the WCAG 2.2 A/AA rules,
// returning each violation with the elements it found, and a one-line-per-node summary a failing assertion
// can print.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, ImpactValue } from "axe-core";
import type { Page } from "playwright-core";

// Evaluated through the DevTools protocol rather than added as a <script>: the app's Content-Security-Policy
// (script-src 'self') rightly refuses inline scripts, and the test must not weaken it.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeWindow {
  axe?: { run(context: unknown, options: object): Promise<AxeResults> };
  document: unknown;
}

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the rules issue 14 asks the app to pass. */
export const wcagAaTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] as const;

export interface AxeViolation {
  /** The axe rule, e.g. "color-contrast". */
  id: string;
  impact: ImpactValue | null;
  help: string;
  /** One line per element: its CSS selector and what axe found there. */
  nodes: string[];
}

/** The WCAG 2.2 A/AA violations axe finds in the page as it is now (the whole document). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => (globalThis as unknown as AxeWindow).axe !== undefined);
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(
    async (tags) => {
      const inPage = globalThis as unknown as AxeWindow;
      if (!inPage.axe) throw new Error("axe-core did not load into the page");
      const run = await inPage.axe.run(inPage.document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      return run.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? null,
        help: violation.help,
        nodes: violation.nodes.map(
          (node) => `${node.target.join(" ")}: ${(node.failureSummary ?? "").replace(/\s+/g, " ").trim()}`,
        ),
      }));
    },
    wcagAaTags as unknown as string[],
  );
  return results;
}

/** The violations in words, one block per rule, for an assertion's message or a report. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    - ${node}`).join("\n");
      return `  ${violation.id} (${violation.impact ?? "?"}, ${violation.nodes.length}): ${violation.help}\n${nodes}`;
    })
    .join("\n");
}
