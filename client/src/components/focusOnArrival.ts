// Where keyboard and screen-reader focus goes when the content changes under it (WCAG 2.4.3): after a route
// change, to the new page's heading; after an act (a vote, closing a motion), to its result. A page's
// heading often renders only once its data has loaded, so it is waited for.
import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/** The element that holds the routed page; the skip link leads here. */
export const mainContentId = "main-content";

/** How long to wait for a page's heading to appear before giving up (a slow load or an error page). */
const arrivalWaitMs = 10_000;

/** Focuses an element that is not focusable by itself (a heading) without adding it to the tab order. */
export function focusElement(element: HTMLElement): void {
  if (!element.hasAttribute("tabindex") && element.tabIndex < 0) element.setAttribute("tabindex", "-1");
  element.focus();
}

/** The routed page's heading, or the content area itself when the page has none (yet). */
function mainHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>(`#${mainContentId} h1`);
}

/** Focuses the page's heading once it is shown, unless the person moved focus themselves meanwhile. */
function focusHeadingWhenShown(): () => void {
  const focusedBefore = document.activeElement;
  const untouched = () =>
    document.activeElement === focusedBefore || document.activeElement === document.body || !focusedBefore?.isConnected;
  const tryFocus = (): boolean => {
    const heading = mainHeading();
    if (!heading) return false;
    if (untouched()) focusElement(heading);
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = window.setTimeout(() => stop(), arrivalWaitMs);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}

/** The room a path shows (its overview or one of its proposals), to tell a move inside a room from a new page. */
function roomOfPath(path: string): string | null {
  const match = /^\/rooms\/(?!open$|new$)([^/]+)(?:\/proposals\/[^/]+)?$/.exec(path);
  return match?.[1] ?? null;
}

/**
 * After every route change, focus goes to the new page's main heading, so a keyboard user starts there and a
 * screen reader reads where they arrived. Not on the first load (the browser starts at the top, where the
 * skip link is), not when only the query changes (a room's tabs), and not when a proposal is chosen inside
 * the same room (focus stays on the list entry that was chosen).
 */
export function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = pathname;
    if (before === null || before === pathname) return;
    const room = roomOfPath(pathname);
    if (room !== null && room === roomOfPath(before)) return;
    return focusHeadingWhenShown();
  }, [pathname]);
}

/** Skips the header: to the page's heading, or the content area when it has none. */
export function skipToMainContent(): void {
  const target = mainHeading() ?? document.getElementById(mainContentId);
  if (target) focusElement(target);
}
