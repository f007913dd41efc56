import { callables } from "../../schemas/callables.js";
import { reinstateOfficer as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const reinstateOfficer = callable(callables.reinstateOfficer, service);
