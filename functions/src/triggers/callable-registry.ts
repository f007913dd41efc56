// Proof, at compile time, that every callable of the registry (schemas/callables.ts) has a
// trigger: a missing one turns `true` below into a type error naming it. A trigger without a
// registry entry cannot be written at all (callable() takes a registry name).
import type { CallableName } from "../schemas/index.js";
import type * as admin from "./admin.js";
import type * as bulletins from "./bulletins.js";
import type * as cases from "./cases.js";
import type * as crossBorder from "./cross-border.js";
import type * as evidenceFile from "./evidence-file.js";
import type * as models from "./models.js";
import type * as officers from "./officers.js";
import type * as photos from "./photos.js";
import type * as retention from "./retention.js";
import type * as reunification from "./reunification.js";
import type * as search from "./search.js";
import type * as fieldSearch from "./field-search.js";
import type * as sms from "./sms.js";

type Triggered =
  | keyof typeof admin
  | keyof typeof bulletins
  | keyof typeof cases
  | keyof typeof crossBorder
  | keyof typeof evidenceFile
  | keyof typeof models
  | keyof typeof officers
  | keyof typeof photos
  | keyof typeof retention
  | keyof typeof reunification
  | keyof typeof search
  | keyof typeof fieldSearch
  | keyof typeof sms;
type WithoutTrigger = Exclude<CallableName, Triggered>;

export const everyCallableHasATrigger: [WithoutTrigger] extends [never] ? true : WithoutTrigger = true;
