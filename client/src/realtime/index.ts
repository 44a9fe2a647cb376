// The live connection (socket.io) of this tab: the hooks and types the features use.
export { type LiveSnapshot, type LiveSocket, type LiveStatus, liveConnection } from "./liveConnection.ts";
export { type LiveAckData, type LiveEvent, type LivePayload, liveRequest } from "./liveRequest.ts";
export { useLiveEvent, useLiveSocket } from "./useLiveSocket.ts";
export { type RoomChannel, type RoomChannelState, useRoomChannel } from "./useRoomChannel.ts";
