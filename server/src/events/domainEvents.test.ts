// The per-app domain event bus: typed delivery in subscription order, unsubscribing, and a failing
// listener that is logged without keeping the others from hearing the event.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { DomainEventBus } from "./domainEvents.ts";

const event = { roomId: "r1", pledgeId: "p1" };

describe("DomainEventBus", () => {
  it("delivers an event to its listeners in order, and no longer after unsubscribing", () => {
    const bus = new DomainEventBus(pino({ level: "silent" }));
    const heard: string[] = [];
    const stopFirst = bus.subscribe("pledgeChanged", (e) => heard.push(`first ${e.pledgeId}`));
    bus.subscribe("pledgeChanged", (e) => heard.push(`second ${e.pledgeId}`));
    bus.subscribe("commitmentChanged", () => heard.push("other event"));
    bus.publish("pledgeChanged", event);
    stopFirst();
    bus.publish("pledgeChanged", { ...event, pledgeId: "p2" });
    expect(heard).toEqual(["first p1", "second p1", "second p2"]);
  });

  it("logs a listener that throws and still runs the others", () => {
    const logged: unknown[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const bus = new DomainEventBus(logger);
    const heard: string[] = [];
    bus.subscribe("pledgeChanged", () => {
      throw new Error("listener broke");
    });
    bus.subscribe("pledgeChanged", (e) => heard.push(e.pledgeId));
    expect(() => bus.publish("pledgeChanged", event)).not.toThrow();
    expect(heard).toEqual(["p1"]);
    expect(logged).toMatchObject([{ event: "pledgeChanged", msg: "a domain event listener failed" }]);
  });

  it("keeps two apps' buses apart", () => {
    const a = new DomainEventBus(pino({ level: "silent" }));
    const b = new DomainEventBus(pino({ level: "silent" }));
    const heard: string[] = [];
    a.subscribe("pledgeChanged", () => heard.push("a"));
    b.publish("pledgeChanged", event);
    expect(heard).toEqual([]);
  });
});
