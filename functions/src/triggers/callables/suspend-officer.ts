import { callables } from "../../schemas/callables.js";
import { suspendOfficer as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const suspendOfficer = callable(callables.suspendOfficer, service);
