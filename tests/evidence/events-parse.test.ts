import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { labelBefore, parseEvents } from "../../src/evidence/events/events.ts";

/** The rule `labelBefore` implements, as the regular expression it replaced. */
const LABEL = /([A-Za-z][A-Za-z ]{0,30}?)\s*[:=]\s*(?:\(?\s*)?$/;
const byRegex = (text: string, end: number, floor = 0) => LABEL.exec(text.slice(Math.max(floor, end - 40), end))?.[1]?.trim() || undefined;

const lines = (text: string) => text.split("\n").map((t, i) => ({ n: i + 1, text: t }));

describe("the label before a code", () => {
  it("reads the words before the colon or equals sign", () => {
    expect(labelBefore("Error: 0xCAA5001C", 7)).toBe("Error");
    expect(labelBefore("  Error description =  ( 0xCAA5001C", 25)).toBe("Error description");
    expect(labelBefore("code 0xCAA5001C", 5)).toBeUndefined();
    expect(labelBefore("Status:\t0x80070005", 8)).toBe("Status");
  });

  it("keeps to the 40 characters before the code and after the floor", () => {
    const long = `${"A".repeat(45)}: 0x80070005`;
    expect(labelBefore(long, 47)).toBe("A".repeat(31));
    expect(labelBefore("Description: Error: 0x80070005", 20, 13)).toBe("Error");
    expect(labelBefore("Error: 0x80070005", 7, 6)).toBeUndefined();
  });

  it("agrees with the regular expression it replaced on any text", () => {
    const alphabet = fc.constantFrom(..."aZ :=(\t\u00a0x1-_".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join("")), fc.nat(), fc.nat(), (text, e, f) => {
        const end = text.length === 0 ? 0 : e % (text.length + 1);
        const floor = f % (end + 1);
        expect(labelBefore(text, end, floor)).toBe(byRegex(text, end, floor));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("event codes", () => {
  it("places a code on a `Description:` line in that line, labelled by what precedes it in the description", () => {
    const log = parseEvents(lines("Event[0]:\n  Event ID: 1081\n  Description: Error: 0xCAA5001C Token broker operation failed."));
    const [event] = log.events;
    expect(event!.text).toEqual([{ n: 3, text: "Error: 0xCAA5001C Token broker operation failed." }]);
    expect(event!.codes).toEqual([{ display: "0xCAA5001C", key: "hex:caa5001c", text: "0xCAA5001C", line: 3, col: 23, label: "Error" }]);
    expect("  Description: Error: 0xCAA5001C".indexOf("0xCAA5001C") + 1).toBe(23);
  });

  it("drops the blank lines at the end of each event", () => {
    const log = parseEvents(lines("Event[0]:\n  Event ID: 1098\n  Description:\nError: 0x80070005\n\n   \nEvent[1]:\n  Event ID: 1081\n  Description:\nfine\n"));
    expect(log.events.map((e) => e.text.map((l) => l.text))).toEqual([["Error: 0x80070005"], ["fine"]]);
  });
});
