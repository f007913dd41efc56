// `tora-face seed-demo`: the demo officers of emulator-data/ (DEMO ONLY — never in production):
// their Auth accounts when FIREBASE_AUTH_EMULATOR_HOST is set (used to produce the export), and
// their officer profiles in the local store; with --photos, the smoke-test people as cases.
import { getAuth } from "firebase-admin/auth";
import { adminApp } from "../adapters/firebase/app.js";
import type { Deps } from "../ports/index.js";
import type { Officer } from "../schemas/index.js";

const DEMO_PASSWORD = "demo-only-Passw0rd!";

const DEMO_OFFICERS: Omit<Officer, "createdAt" | "updatedAt">[] = [
  {
    uid: "demo-admin",
    email: "admin@demo.tora-face.test",
    name: "Demo Administrator",
    badgeNumber: "BI-ADM-001",
    rank: "Commissioner",
    station: "Bujumbura HQ",
    country: "BI",
    phone: "+25779000001",
    role: "admin",
    status: "approved",
  },
  {
    uid: "demo-officer-bi",
    email: "officer.bi@demo.tora-face.test",
    name: "Demo Officer Burundi",
    badgeNumber: "BI-1001",
    rank: "Inspector",
    station: "Bujumbura Centre",
    country: "BI",
    phone: "+25779000002",
    role: "officer",
    status: "approved",
  },
  {
    uid: "demo-officer-rw",
    email: "officer.rw@demo.tora-face.test",
    name: "Demo Officer Rwanda",
    badgeNumber: "RW-2001",
    rank: "Inspector",
    station: "Kigali Nyarugenge",
    country: "RW",
    phone: "+250788000003",
    role: "officer",
    status: "approved",
  },
  {
    uid: "demo-pending",
    email: "pending@demo.tora-face.test",
    name: "Demo Pending Officer",
    badgeNumber: "BI-3001",
    rank: "Constable",
    station: "Ngozi",
    country: "BI",
    phone: "+25779000004",
    role: "officer",
    status: "pending",
  },
];

export async function seedDemoAuth(): Promise<void> {
  const auth = getAuth(adminApp());
  for (const o of DEMO_OFFICERS) {
    const claims = { role: o.role, status: o.status, country: o.country };
    try {
      await auth.updateUser(o.uid, {
        email: o.email!,
        password: DEMO_PASSWORD,
        emailVerified: true,
        displayName: o.name,
      });
    } catch {
      await auth.createUser({
        uid: o.uid,
        email: o.email!,
        password: DEMO_PASSWORD,
        emailVerified: true,
        displayName: o.name,
      });
    }
    await auth.setCustomUserClaims(o.uid, claims);
  }
}

export async function seedDemoProfiles(deps: Deps): Promise<void> {
  const at = deps.clock.now().toISOString();
  for (const o of DEMO_OFFICERS)
    if (!(await deps.officers.get(o.uid))) await deps.officers.put({ ...o, createdAt: at, updatedAt: at });
}
