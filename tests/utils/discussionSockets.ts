// Real socket.io clients for the discussion tests: connect with an access token, send an event and
// await its ack, and record what the server pushes so assertions can wait on it with eventually().
import { type ClientToServerEvents, type ServerToClientEvents, protocolVersion } from "@mufakat/shared";
import { type Socket, io } from "socket.io-client";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects and resolves once the handshake is accepted; rejects with the refusal otherwise. */
export async function connectSocket(url: string, token: string): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth: { token, protocolVersion },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/** Every payload of `event` the socket receives from now on, in arrival order. */
export function recordEvents<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
): Array<Parameters<ServerToClientEvents[E]>[0]> {
  const received: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  const listen = socket.on.bind(socket) as unknown as (name: string, listener: (payload: any) => void) => void;
  listen(event, (payload) => received.push(payload));
  return received;
}

/** Emits a client event and resolves with its ack (whatever shape it has; assertions check it). */
export function request(socket: TestSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<any> {
  const timed: any = socket.timeout(10_000);
  return timed.emitWithAck(event, payload);
}
