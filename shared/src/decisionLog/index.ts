// The decision log's canonical form and hash chain (docs/decision-log.md). Imports nothing but its two
// libraries, so the standalone verifier (scripts/verify-log.ts) can load it without the rest of shared/.
export * from "./canonicalJson.ts";
export * from "./chain.ts";
