// The socket.io contract: events, payload schemas, acks, version and close reasons.
export * from "./ack.ts";
export * from "./closeCodes.ts";
export * from "./events.ts";
export * from "./payloads.ts";
export * from "./version.ts";
export * from "./motions.ts";
export * from "./polls.ts";
export * from "./wire.ts";
