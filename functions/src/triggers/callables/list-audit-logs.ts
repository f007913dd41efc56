import { callables } from "../../schemas/callables.js";
import { listAuditLogs as service } from "../../services/audit.js";
import { callable } from "../callable.js";

export const listAuditLogs = callable(callables.listAuditLogs, service);
