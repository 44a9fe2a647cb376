// The contract both server and client build on. Nothing here may import from server/ or client/.
export * from "./errors.ts";
export * from "./limits.ts";
export * from "./schemas/user.ts";
export * from "./schemas/room.ts";
