// Zod's schemas, without its compiled parsers: zod probes `new Function("")` when its first object schema is
// built, and the server's CSP (script-src 'self', no 'unsafe-eval') blocks that probe, which Chromium then
// reports as a Content Security Policy issue on every page. jitless parses the same, by interpretation; it
// must be set before any schema is built, so main.tsx imports this module first.
import { config } from "zod";

config({ jitless: true });
