import { callables } from "../../schemas/callables.js";
import { registerOfficer as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const registerOfficer = callable(callables.registerOfficer, service);
