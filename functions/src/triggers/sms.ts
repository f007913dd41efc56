// SMS to families: the officer's callables, and the gateway's delivery reports (POST, form-encoded,
// the URL registered with the gateway carries ?token=SMS_REPORT_TOKEN).
import { timingSafeEqual } from "node:crypto";
import { onRequest } from "firebase-functions/https";
import { smsReportToken } from "../config.js";
import { getDeps } from "../runtime/deps.js";
import { smsDeliveryReportSchema } from "../schemas/index.js";
import { listFamilySms as list, recordSmsDeliveryReport, sendFamilySms as send } from "../services/family-sms.js";
import { callable } from "./callable.js";
import { SMS_REPORT_OPTIONS } from "./function-options.js";

export const sendFamilySms = callable("sendFamilySms", send);
export const listFamilySms = callable("listFamilySms", list);

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== "string" || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const smsDeliveryReport = onRequest(SMS_REPORT_OPTIONS, async (request, response) => {
  if (request.method !== "POST") {
    response.set("Allow", "POST").status(405).send("only POST");
    return;
  }
  if (!sameToken(request.query.token, smsReportToken.value())) {
    response.status(403).send("forbidden");
    return;
  }
  const report = smsDeliveryReportSchema.safeParse(request.body);
  if (!report.success) {
    response.status(400).send("not a delivery report");
    return;
  }
  // answered 200 whatever became of it (recorded, a repeat, a message not ours): the gateway stops repeating it
  await recordSmsDeliveryReport(await getDeps(), report.data);
  response.status(200).send("ok");
});
