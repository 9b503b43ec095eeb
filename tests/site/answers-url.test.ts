import { describe, expect, it } from "vitest";
import { diagnoseHref, factsFromParams, sessionKey } from "../../site/src/lib/answers-url.ts";

describe("answers in a shareable link", () => {
  it("writes booleans as yes/no and keeps choices and codes", () => {
    const href = diagnoseHref({ code: "caa50021", app: "onedrive" }, { managed: true, isAdmin: false, where: "banner", otherErrorAfterSignIn: "0x8004de40" });
    expect(href).toBe("/diagnose/?code=caa50021&app=onedrive&where=banner&isAdmin=no&managed=yes&otherErrorAfterSignIn=0x8004de40");
  });

  it("reads back what it wrote", () => {
    const facts = { managed: true, isAdmin: false, where: "banner", recentChange: "password" } as const;
    const url = new URL(diagnoseHref({ code: "caa50021" }, facts), "http://x");
    expect(factsFromParams(url.searchParams)).toEqual(facts);
  });

  it("drops values that do not fit their fact, unknown facts and the app", () => {
    const params = new URLSearchParams("managed=maybe&where=garden&colour=blue&app=teams&isAdmin=true&otherErrorAfterSignIn=unknown");
    expect(factsFromParams(params)).toEqual({ isAdmin: true });
  });

  it("keys stored sessions by code and app", () => {
    expect(sessionKey("caa50021", "onedrive")).toBe("fixpath:session:caa50021:onedrive");
  });
});
