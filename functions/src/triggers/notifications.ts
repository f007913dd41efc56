// Messages to officers inside the portal.
import { listMyNotifications as mine } from "../services/retention.js";
import { callable } from "./callable.js";

export const listMyNotifications = callable("listMyNotifications", mine);
