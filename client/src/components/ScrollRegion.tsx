// A box that scrolls sideways when its content (a wide table) is wider than the screen. It is a named region
// in the tab order, so a keyboard user can reach it and scroll it with the arrow keys (WCAG 2.1.1), and a
// screen reader announces what it holds.
import type { ReactNode } from "react";

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A named <section> is a region landmark.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to scroll by keyboard.
    <section className="table-scroll" aria-label={label} tabIndex={0} data-testid="scroll-region">
      {children}
    </section>
  );
}
