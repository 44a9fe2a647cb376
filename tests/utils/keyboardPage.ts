// What the keyboard-driven browser tests share: reaching a control and pressing a key on it as a keyboard
// user would, and the checks every state of a page must pass at desktop and phone width (axe's WCAG 2.2
// A/AA rules, no sector told by colour alone, nothing scrolling sideways but its own region).
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { axeViolations, describeViolations } from "./axe.ts";
import { sectorColourWithoutShape } from "./sectorShapes.ts";

/** Focus, then the key: how a keyboard user reaches and works each control. */
export async function press(locator: Locator, key: string): Promise<void> {
  await locator.focus();
  await locator.page().keyboard.press(key);
}

/** Focus, then type. */
export async function typeInto(locator: Locator, text: string): Promise<void> {
  await locator.focus();
  await locator.page().keyboard.type(text);
}

/** Picks the option `steps` below the first in a select with the arrow keys. */
export async function chooseBelow(select: Locator, steps: number): Promise<void> {
  await select.focus();
  for (let step = 0; step < steps; step++) await select.page().keyboard.press("ArrowDown");
}

/** The page as it is now passes every check at 1,280 and at 390 px; the viewport is 1,280 px after. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  for (const size of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    const violations = await axeViolations(page);
    expect(violations, `${label} at ${size.width}px:\n${describeViolations(violations)}`).toEqual([]);
    expect(await sectorColourWithoutShape(page), `${label} at ${size.width}px`).toEqual([]);
    // A string: the tests package has no DOM types.
    const overflow = (await page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")) as number;
    expect(overflow, `${label} at ${size.width}px scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
