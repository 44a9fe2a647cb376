// This device's localStorage, or null where there is none (server rendering, tests in node, a browser that
// refuses it): the one accessor the modules that keep something on the device share.
export function deviceStorage(): Storage | null {
  return typeof window === "undefined" ? null : window.localStorage;
}
