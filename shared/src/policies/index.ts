// Every authorization decision, as pure functions over plain data: the server enforces them and presents
// their answers as `abilities`; the client renders from those (or, for broadcast objects, runs them).
export * from "./access.ts";
export * from "./room.ts";
export * from "./joinRequests.ts";
export * from "./motion.ts";
export * from "./accountability.ts";
export * from "./discussion.ts";
export * from "./members.ts";
