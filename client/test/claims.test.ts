import { describe, expect, it } from "vitest";
import { tokenClaimsStale, type CallableOutput } from "../src/index.js";

const officer = {
  uid: "u1",
  name: "N",
  badgeNumber: "B",
  rank: "R",
  station: "S",
  country: "BI",
  phone: "+25779000000",
  role: "officer",
  status: "approved",
};
const profile = (claims: CallableOutput<"getMyProfile">["claims"], withRecord = true) =>
  ({ officer: withRecord ? { ...officer, ...claims } : null, claims }) as CallableOutput<"getMyProfile">;

describe("token claims against the officer record", () => {
  it("are stale after an approval the token does not know yet", () => {
    expect(
      tokenClaimsStale(
        { role: "officer", status: "pending", country: "BI" },
        profile({ role: "officer", status: "approved", country: "BI" }),
      ),
    ).toBe(true);
  });
  it("are stale after a role change or when the token lacks the country", () => {
    expect(
      tokenClaimsStale(
        { role: "officer", status: "approved", country: "BI" },
        profile({ role: "supervisor", status: "approved", country: "BI" }),
      ),
    ).toBe(true);
    expect(
      tokenClaimsStale(
        { role: "officer", status: "pending" },
        profile({ role: "officer", status: "pending", country: "RW" }),
      ),
    ).toBe(true);
  });
  it("are current when they say what the record says, whatever other claims the token carries", () => {
    expect(
      tokenClaimsStale(
        { role: "admin", status: "approved", country: "BI", email_verified: true },
        profile({ role: "admin", status: "approved", country: "BI" }),
      ),
    ).toBe(false);
  });
  it("without an officer record there is nothing to refresh", () => {
    expect(tokenClaimsStale({ role: "officer", status: "pending" }, profile({}, false))).toBe(false);
  });
});
