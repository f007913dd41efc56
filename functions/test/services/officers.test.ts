import { describe, expect, it } from "vitest";
import {
  approveOfficer,
  getMyProfile,
  listOfficers,
  registerOfficer,
  reinstateOfficer,
  rejectOfficer,
  setOfficerRole,
  suspendOfficer,
} from "../../src/services/officers.js";
import { codeOf } from "../support/codes.js";
import { throughBoundary } from "../support/boundary.js";
import type { Actor } from "../../src/services/actor.js";
import {
  actor,
  admin,
  memoryDeps,
  officerBI,
  officerRecordOf,
  pending,
  suspended,
  unverified,
  type TestDeps,
} from "../support/deps.js";

const details = {
  name: "Aline Uwase",
  badgeNumber: "RW-0042",
  rank: "Sergeant",
  station: "Kigali Nyarugenge",
  country: "RW" as const,
  phone: "+250788123456",
};

async function seedAdmin(deps: TestDeps) {
  await deps.officers.put({
    ...details,
    uid: admin.uid,
    country: "BI",
    role: "admin",
    status: "approved",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  });
}

describe("officer registration and approval", () => {
  it("registers a verified user as pending, merging claims with existing ones", async () => {
    const deps = memoryDeps();
    await deps.identity.mergeClaims("new-1", { role: "officer" });
    const { officer } = await registerOfficer(deps, actor("new-1", {}), details, { email: "aline@example.org" });
    expect(officer).toMatchObject({ uid: "new-1", status: "pending", role: "officer", country: "RW" });
    expect(await deps.identity.getClaims("new-1")).toEqual({ role: "officer", status: "pending", country: "RW" });
    expect((await deps.audit.list({ limit: 5 }))[0]).toMatchObject({ actor: "new-1", action: "officer.register" });
  });

  it("refuses unauthenticated and unverified callers", async () => {
    const deps = memoryDeps();
    const register = throughBoundary(deps, "registerOfficer", registerOfficer);
    expect(await codeOf(register(undefined, details))).toBe("unauthenticated");
    expect(await codeOf(register(unverified, details))).toBe("permission-denied");
    expect(await deps.officers.get(unverified.uid)).toBeUndefined();
  });

  it("approval records who checked the badge and when, and updates the claims", async () => {
    const deps = memoryDeps();
    await seedAdmin(deps);
    await registerOfficer(deps, actor("new-1", {}), details);
    const { officer } = await approveOfficer(deps, admin, {
      uid: "new-1",
      note: "badge RW-0042 confirmed with station commander",
    });
    expect(officer.status).toBe("approved");
    expect(officer.decision).toEqual({
      by: admin.uid,
      at: "2026-11-25T10:00:00.000Z",
      status: "approved",
      note: "badge RW-0042 confirmed with station commander",
    });
    expect(await deps.identity.getClaims("new-1")).toEqual({ role: "officer", status: "approved", country: "RW" });
    expect(await codeOf(approveOfficer(deps, admin, { uid: "new-1", note: "again" }))).toBe("failed-precondition");
  });

  it("rejection revokes refresh tokens", async () => {
    const deps = memoryDeps();
    await registerOfficer(deps, actor("new-2", {}), details);
    await rejectOfficer(deps, admin, { uid: "new-2", note: "badge unknown at station" });
    expect((await deps.identity.getClaims("new-2")).status).toBe("rejected");
    expect(deps.revocations("new-2")).toBe(1);
  });

  it.each([
    ["unauthenticated", undefined, "unauthenticated"],
    ["unverified", unverified, "permission-denied"],
    ["pending", pending, "permission-denied"],
    ["suspended", suspended, "permission-denied"],
    ["an officer (wrong role)", officerBI, "permission-denied"],
  ] as [string, Actor | undefined, string][])("admin actions refuse %s callers", async (_label, caller, expected) => {
    const deps = memoryDeps();
    if (caller) await deps.officers.put(officerRecordOf(caller));
    await registerOfficer(deps, actor("new-3", {}), details);
    const approve = throughBoundary(deps, "approveOfficer", approveOfficer);
    const reject = throughBoundary(deps, "rejectOfficer", rejectOfficer);
    const setRole = throughBoundary(deps, "setOfficerRole", setOfficerRole);
    const suspend = throughBoundary(deps, "suspendOfficer", suspendOfficer);
    const list = throughBoundary(deps, "listOfficers", listOfficers);
    expect(await codeOf(approve(caller, { uid: "new-3", note: "n" }))).toBe(expected);
    expect(await codeOf(reject(caller, { uid: "new-3", note: "n" }))).toBe(expected);
    expect(await codeOf(setRole(caller, { uid: "new-3", role: "admin" }))).toBe(expected);
    expect(await codeOf(suspend(caller, { uid: "new-3", note: "n" }))).toBe(expected);
    expect(await codeOf(list(caller, {}))).toBe(expected);
    expect((await deps.officers.get("new-3"))?.status).toBe("pending");
  });
});

describe("roles and suspension", () => {
  async function approved(deps: TestDeps, uid: string) {
    await registerOfficer(deps, actor(uid, {}), details);
    await approveOfficer(deps, admin, { uid, note: "ok" });
  }

  it("promotion keeps tokens; demotion revokes them", async () => {
    const deps = memoryDeps();
    await seedAdmin(deps);
    await approved(deps, "o1");
    await setOfficerRole(deps, admin, { uid: "o1", role: "supervisor" });
    expect(deps.revocations("o1")).toBe(0);
    expect((await deps.identity.getClaims("o1")).role).toBe("supervisor");
    deps.clockAt.now = new Date(deps.clockAt.now.getTime() + 60_000);
    await setOfficerRole(deps, admin, { uid: "o1", role: "officer" });
    expect(deps.revocations("o1")).toBe(1);
    const audit = await deps.audit.list({ action: "officer.role", limit: 5 });
    expect(audit[0]!.details).toEqual({ from: "supervisor", to: "officer" });
  });

  it("the last administrator cannot be demoted or suspended", async () => {
    const deps = memoryDeps();
    await seedAdmin(deps);
    expect(await codeOf(setOfficerRole(deps, admin, { uid: admin.uid, role: "officer" }))).toBe("failed-precondition");
    expect(await codeOf(suspendOfficer(deps, admin, { uid: admin.uid, note: "x" }))).toBe("failed-precondition");
    await approved(deps, "o2");
    await setOfficerRole(deps, admin, { uid: "o2", role: "admin" });
    // with a second administrator, that one may demote the first (nobody acts on themselves)
    const second = actor("o2", { role: "admin", status: "approved", country: "RW" });
    expect(await codeOf(setOfficerRole(deps, second, { uid: admin.uid, role: "officer" }))).toBe("ok");
  });

  it("suspension revokes tokens and reinstatement restores the approved status", async () => {
    const deps = memoryDeps();
    await approved(deps, "o3");
    await suspendOfficer(deps, admin, { uid: "o3", note: "under investigation" });
    expect((await deps.identity.getClaims("o3")).status).toBe("suspended");
    expect(deps.revocations("o3")).toBe(1);
    await reinstateOfficer(deps, admin, { uid: "o3" });
    expect((await deps.identity.getClaims("o3")).status).toBe("approved");
    const actions = (await deps.audit.list({ limit: 20 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["officer.suspend", "officer.reinstate", "officer.approve"]));
  });

  it("anyone signed in can read their own profile, even before registering", async () => {
    const deps = memoryDeps();
    expect(await getMyProfile(deps, actor("nobody", {}))).toEqual({ officer: null, claims: {} });
  });
});
