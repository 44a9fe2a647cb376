// Lighthouse (npm) on Debian's Chromium: one fresh Chromium per audit (chrome-launcher, its own temporary
// profile), optionally signed in first through the UI with playwright over the same DevTools port, so the
// room page is audited as a member sees it. Used by tests/lighthouse/ (accessibility, best practices,
// installability) and by tests/bench/lighthouse.ts (performance and CLS, which are timings).
import { type LaunchedChrome, launch } from "chrome-launcher";
import lighthouse, { type Flags, type Result, desktopConfig } from "lighthouse";
import { type Page, chromium } from "playwright-core";
import { chromiumPath } from "./browser.ts";

export type LighthousePreset = "mobile" | "desktop";

export interface Credentials {
  email: string;
  password: string;
}

export interface LighthouseFigures {
  url: string;
  preset: LighthousePreset;
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  /** Cumulative layout shift, as measured (not scored). */
  cls: number;
  /** The timings the performance score is made of, in ms (simulated on the mobile preset). */
  timings: {
    firstContentfulPaint: number;
    largestContentfulPaint: number;
    totalBlockingTime: number;
    speedIndex: number;
  };
  /** The scripts that kept the main thread busiest during the load (Lighthouse's bootup-time), top three. */
  busiestScripts: { script: string; scriptingMs: number }[];
  /** Bytes over the wire for everything the page loaded. */
  transferBytes: number;
  /** Bytes of JavaScript loaded but not run during the load (Lighthouse's unused-javascript estimate). */
  unusedJsBytes: number;
  /** Ids of the audits that did not pass in the accessibility and best-practices categories. */
  failedAudits: string[];
  lhr: Result;
}

const chromeFlags = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

async function signIn(port: number, origin: string, credentials: Credentials): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0];
    if (!context) throw new Error("lighthouse: Chromium has no default context to sign in");
    const page = await context.newPage();
    await page.goto(`${origin}/login`);
    await page.getByTestId("login-email").fill(credentials.email);
    await page.getByTestId("login-password").fill(credentials.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => url.pathname === "/rooms");
    await page.close();
  } finally {
    // Disconnects playwright only; Chromium (and the refresh cookie in its profile) stays for Lighthouse.
    await browser.close();
  }
}

function score(lhr: Result, category: string): number {
  return Math.round((lhr.categories[category]?.score ?? 0) * 100);
}

function busiestScripts(lhr: Result): { script: string; scriptingMs: number }[] {
  const items = (lhr.audits["bootup-time"]?.details as { items?: { url: string; scripting: number }[] } | undefined)
    ?.items;
  return (items ?? [])
    .map((item) => ({ script: item.url.replace(/^https?:\/\/[^/]+/, ""), scriptingMs: Math.round(item.scripting) }))
    .sort((a, b) => b.scriptingMs - a.scriptingMs)
    .slice(0, 3);
}

function numericAudit(lhr: Result, id: string): number {
  return lhr.audits[id]?.numericValue ?? 0;
}

/** What an audit found, short: the elements (accessibility) or issue types (best practices) it names. */
function findingsOf(details: unknown): string {
  const items = (details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [];
  return items
    .map((item) => {
      const node = item.node as { snippet?: string; explanation?: string } | undefined;
      if (node?.snippet) return `${node.snippet} ${node.explanation?.split("\n")[0] ?? ""}`.trim();
      const subItems = (item.subItems as { items?: { url?: string }[] } | undefined)?.items ?? [];
      return [item.issueType ?? item.description ?? "", ...subItems.map((sub) => sub.url ?? JSON.stringify(sub))]
        .join(" ")
        .trim();
    })
    .join("; ");
}

function failedAuditsOf(lhr: Result, categories: string[]): string[] {
  return categories.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1)
      .map((audit) => `${category}:${audit?.id} (${findingsOf(audit?.details)})`),
  );
}

/**
 * Lighthouse's own failures to record a trace, which it says to answer by running again ("Please run
 * Lighthouse again"): on a busy 2-core machine one load in a few hundred loses its navigation start.
 * Anything else it reports (a page that did not load, no content painted) is the page's, not retried.
 */
const traceRecordingErrors = new Set(["NO_NAVSTART", "NO_TRACING_STARTED", "NO_RESOURCE_REQUEST"]);

class TraceRecordingError extends Error {}

/**
 * Audits `url` with the mobile or desktop preset; signs in with `credentials` first when given. A trace
 * Lighthouse failed to record is recorded again, in a fresh browser, up to twice.
 */
export async function auditPage(
  url: string,
  preset: LighthousePreset,
  credentials?: Credentials,
): Promise<LighthouseFigures> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(url, preset, credentials);
    } catch (error) {
      if (!(error instanceof TraceRecordingError) || attempt === 3) throw error;
      process.stderr.write(`  lighthouse: ${error.message}; recording ${url} again (attempt ${attempt + 1} of 3)\n`);
    }
  }
}

async function auditOnce(url: string, preset: LighthousePreset, credentials?: Credentials): Promise<LighthouseFigures> {
  let chrome: LaunchedChrome | null = null;
  try {
    chrome = await launch({ chromePath: chromiumPath, chromeFlags });
    if (credentials) await signIn(chrome.port, new URL(url).origin, credentials);
    const flags: Flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      // Keeps the refresh cookie the sign-in left; the profile is new for every audit anyway.
      disableStorageReset: true,
    };
    const result = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined);
    if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) {
      const message = `lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
      throw traceRecordingErrors.has(lhr.runtimeError.code) ? new TraceRecordingError(message) : new Error(message);
    }
    return {
      url,
      preset,
      scores: {
        performance: score(lhr, "performance"),
        accessibility: score(lhr, "accessibility"),
        bestPractices: score(lhr, "best-practices"),
        seo: score(lhr, "seo"),
      },
      cls: numericAudit(lhr, "cumulative-layout-shift"),
      timings: {
        firstContentfulPaint: numericAudit(lhr, "first-contentful-paint"),
        largestContentfulPaint: numericAudit(lhr, "largest-contentful-paint"),
        totalBlockingTime: numericAudit(lhr, "total-blocking-time"),
        speedIndex: numericAudit(lhr, "speed-index"),
      },
      busiestScripts: busiestScripts(lhr),
      transferBytes: numericAudit(lhr, "total-byte-weight"),
      unusedJsBytes:
        (lhr.audits["unused-javascript"]?.details as { overallSavingsBytes?: number } | undefined)
          ?.overallSavingsBytes ?? 0,
      failedAudits: failedAuditsOf(lhr, ["accessibility", "best-practices"]),
      lhr,
    };
  } finally {
    chrome?.kill();
  }
}

/**
 * Chromium's own installability check for the page as loaded (manifest, icons, start URL, display mode):
 * the errors Page.getInstallabilityErrors reports, empty when the app can be installed.
 */
export async function installabilityErrors(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: { errorId: string; errorArguments: { name: string; value: string }[] }[];
    };
    return installabilityErrors.map(
      (error) => `${error.errorId}${error.errorArguments.map((a) => ` ${a.name}=${a.value}`).join("")}`,
    );
  } finally {
    await cdp.detach();
  }
}
