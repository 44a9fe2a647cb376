// Sector colours never stand alone (WCAG 1.4.1, issue 14): in the page as it is now, every element painted
// in a sector's strong colour (its text, background, border, or an SVG fill or stroke) must have that
// sector's marker shape close by: inside it, or in one of its nearest ancestors (the badge, the member group,
// the tally row, the chart legend entry it belongs to). A chart bar passes by its pattern fill instead.
import type { Page } from "playwright-core";
import { sectorColours } from "../../client/src/components/sectorColours.ts";

/** How many ancestors up a marker may sit: a swatch's row, its list, the sector's section. */
const nearestAncestors = 4;

/** `#b42318` as the browser computes it: `rgb(180, 35, 24)`. */
function computedRgb(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255})`;
}

const palette = Object.entries(sectorColours).map(([sector, colour]) => ({
  sector,
  rgb: computedRgb(colour.solid),
  marker: colour.marker,
}));

// A string, not a function: the tests' programme has no DOM types, and this runs in the page.
const findColourOnly = `(() => {
  const palette = ${JSON.stringify(palette)};
  const levels = ${nearestAncestors};
  const found = [];
  const hasOwnText = (element) =>
    [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim() !== "");
  const shown = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  const markerNear = (element, entry) => {
    let scope = element;
    for (let level = 0; scope && level <= levels; level += 1, scope = scope.parentElement) {
      for (const marker of scope.querySelectorAll(".sector-marker")) {
        if (marker.textContent.trim() === entry.marker) return true;
      }
    }
    return false;
  };
  for (const element of document.body.querySelectorAll("*")) {
    if (!shown(element) || element.closest(".sector-marker")) continue;
    const style = getComputedStyle(element);
    const painted = [style.backgroundColor, style.backgroundImage];
    if (hasOwnText(element)) painted.push(style.color);
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      if (Number.parseFloat(style["border" + side + "Width"]) > 0) painted.push(style["border" + side + "Color"]);
    }
    if (element instanceof SVGElement) {
      if (element.getAttribute("fill") !== null || style.fill !== "none") painted.push(style.fill);
      if (style.stroke !== "none") painted.push(style.stroke);
    }
    for (const entry of palette) {
      if (!painted.some((paint) => paint.includes(entry.rgb))) continue;
      if (markerNear(element, entry)) continue;
      const id = element.closest("[data-testid]");
      found.push(entry.sector + " colour without its " + entry.marker + ": <" + element.tagName.toLowerCase() +
        (element.getAttribute("class") ? " class=" + element.getAttribute("class") : "") + ">" +
        (id ? " in [data-testid=" + id.getAttribute("data-testid") + "]" : "") +
        " " + JSON.stringify((element.textContent || "").trim().slice(0, 40)));
    }
  }
  return found;
})()`;

/** The elements of the page that show a sector by its colour alone, one line each (empty when none do). */
export async function sectorColourWithoutShape(page: Page): Promise<string[]> {
  return (await page.evaluate(findColourOnly)) as string[];
}
