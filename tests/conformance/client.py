"""A Mufakat client written only from docs/protocol.md: python-socketio with its msgpack serializer, pycrdt
for the proposal's Yjs document.

Reads one JSON object on stdin: {"url", "token", "roomId", "proposalId", "motionId", "clientVoteId",
"append"}. Connects, joins the room, opens the proposal (Yjs sync steps 1 and 2), appends `append` to the
first paragraph with pycrdt and sends the update, reads the chat's first page, votes twice with the same
clientVoteId, and disconnects. Prints one JSON report on stdout; a failed step is reported, not raised, so
the test names it. The access token is never printed.
"""

import json
import sys
import threading
import time

import msgpack
import pycrdt
import socketio
from socketio import packet as socketio_packet
from socketio.msgpack_packet import MsgPackPacket

PROTOCOL_VERSION = 2
BODY_FRAGMENT = "default"
TIMEOUT = 15

report = {"steps": [], "extensionTypes": [], "presenceUpdates": [], "proposalUpdatesReceived": 0}
lock = threading.Lock()


def record_extension(code, data):
    """Any MessagePack extension type in any frame the server sends (standard frames have none)."""
    with lock:
        report["extensionTypes"].append({"code": code, "data": data.hex()})
    return msgpack.ExtType(code, data)


def step(name, **details):
    report["steps"].append({"name": name, **details})


def plain(value):
    """What a received value looks like in JSON (binary as its length)."""
    if isinstance(value, (bytes, bytearray)):
        return {"binaryLength": len(value)}
    if isinstance(value, dict):
        return {key: plain(entry) for key, entry in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(entry) for entry in value]
    if isinstance(value, msgpack.ExtType):
        return {"extType": value.code}
    return value


def first_paragraph_text(doc):
    fragment = doc.get(BODY_FRAGMENT, type=pycrdt.XmlFragment)
    paragraph = next(iter(fragment.children), None)
    if not isinstance(paragraph, pycrdt.XmlElement):
        return None, None
    text = next(iter(paragraph.children), None)
    if not isinstance(text, pycrdt.XmlText):
        return paragraph, None
    return paragraph, text


def run(config, sio):
    sio.connect(
        config["url"],
        auth={"token": config["token"], "protocolVersion": PROTOCOL_VERSION},
        transports=["websocket"],
        wait_timeout=TIMEOUT,
    )
    step("connect", connected=sio.connected, transport=sio.transport())

    joined = sio.call("room:join", {"roomId": config["roomId"]}, timeout=TIMEOUT)
    step(
        "room:join",
        ok=joined.get("ok"),
        error=plain(joined.get("error")),
        role=(joined.get("data") or {}).get("role"),
        presence=[member["userId"] for member in (joined.get("data") or {}).get("presence", [])],
    )
    if not joined.get("ok"):
        return

    # Yjs sync step 1: our state vector; the ack is step 2 (what we lack) and the server's state vector.
    doc = pycrdt.Doc()
    opened = sio.call(
        "proposal:open",
        {"proposalId": config["proposalId"], "stateVector": doc.get_state()},
        timeout=TIMEOUT,
    )
    if not opened.get("ok"):
        step("proposal:open", ok=False, error=plain(opened.get("error")))
        return
    doc.apply_update(opened["data"]["update"])
    _, text = first_paragraph_text(doc)
    # What the server lacks (nothing here: a fresh document); sent only when it holds more than "empty".
    missing = doc.get_update(opened["data"]["stateVector"])
    step(
        "proposal:open",
        ok=True,
        text=None if text is None else str(text),
        missingBytes=len(missing),
        awareness=plain(opened["data"].get("awareness")),
    )
    if text is None:
        return

    # An edit made with pycrdt: append to the first paragraph, send the update it produced.
    before = doc.get_state()
    with doc.transaction():
        text.insert(len(str(text)), config["append"])
    update = doc.get_update(before)
    stored = sio.call(
        "proposal:update",
        {"proposalId": config["proposalId"], "update": update, "clientUpdateId": "py-edit-1"},
        timeout=TIMEOUT,
    )
    step(
        "proposal:update",
        ok=stored.get("ok"),
        error=plain(stored.get("error")),
        data=plain(stored.get("data")),
        text=str(text),
    )

    # nil where a field may be absent: the first page of the chat, `before: None`.
    history = sio.call("chat:history", {"roomId": config["roomId"], "before": None}, timeout=TIMEOUT)
    step("chat:history", ok=history.get("ok"), error=plain(history.get("error")))

    # A vote, and its resend after a (pretended) lost ack: the same clientVoteId; reason None is no reason.
    vote = {
        "motionId": config["motionId"],
        "position": "support",
        "clientVoteId": config["clientVoteId"],
        "reason": None,
    }
    for attempt in ("motion:vote", "motion:vote resend"):
        ack = sio.call("motion:vote", vote, timeout=TIMEOUT)
        data = ack.get("data") or {}
        step(
            attempt,
            ok=ack.get("ok"),
            error=plain(ack.get("error")),
            motionId=data.get("motionId"),
            position=data.get("position"),
            replayed=data.get("replayed"),
            votersCount=(data.get("tally") or {}).get("votersCount"),
        )


def disconnect_after_sending(sio):
    """Disconnect, with the DISCONNECT packet surely on the wire first.

    python-socketio 5.18's Client.disconnect() queues DISCONNECT for its writer thread, then closes the
    websocket from the calling thread: under load the socket is sometimes closed before the writer sent the
    packet, and the server sees a plain "transport close". The test is about the server reading the
    DISCONNECT (data: nil), so wait for the writer to have sent it before closing.
    """
    for namespace in sio.namespaces:
        sio._send_packet(sio.packet_class(socketio_packet.DISCONNECT, namespace=namespace))
    deadline = time.monotonic() + TIMEOUT
    while sio.eio.queue.unfinished_tasks and time.monotonic() < deadline:
        time.sleep(0.01)
    sio.eio.disconnect()


def main():
    config = json.loads(sys.stdin.read())
    serializer = MsgPackPacket.configure(ext_hook=record_extension)
    sio = socketio.Client(serializer=serializer, reconnection=False)
    disconnected = threading.Event()
    reasons = []

    @sio.on("presence:update")
    def on_presence(change):
        with lock:
            report["presenceUpdates"].append(plain(change))

    @sio.on("proposal:update")
    def on_update(_payload):
        with lock:
            report["proposalUpdatesReceived"] += 1

    @sio.event
    def disconnect(reason=None):
        reasons.append(str(reason))
        disconnected.set()

    try:
        run(config, sio)
    except Exception as error:  # reported, so the test names the failing step
        step("error", type=type(error).__name__, message=str(error))
    if sio.connected:
        disconnect_after_sending(sio)
    disconnected.wait(TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while sio.eio.state != "disconnected" and time.monotonic() < deadline:
        time.sleep(0.05)
    step("disconnect", reasons=reasons, engineState=sio.eio.state)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
