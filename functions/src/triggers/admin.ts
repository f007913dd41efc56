// Administrators' views: the audit log and statistics.
import { listAuditLogs as auditLogs } from "../services/audit.js";
import { getStats as stats } from "../services/stats.js";
import { callable } from "./callable.js";

export const listAuditLogs = callable("listAuditLogs", auditLogs);
export const getStats = callable("getStats", stats);
