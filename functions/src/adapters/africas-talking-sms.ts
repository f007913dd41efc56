// Africa's Talking's SMS API over HTTPS (POST /version1/messaging, form-encoded, the API key in the
// apiKey header), answering the port's three outcomes: a recipient status code 100–102 is
// accepted, a timeout, a network error or an HTTP 5xx is transient, any other answer a refusal.
// Nothing here is logged: a number or a text never reaches a log line.
import type { SmsProvider, SmsSendResult } from "../ports/index.js";

interface AfricasTalkingOptions {
  username: string;
  apiKey: string;
  /** https://api.africastalking.com, the sandbox https://api.sandbox.africastalking.com, or a local fake in tests */
  baseUrl: string;
  /** an approved sender id or short code; absent: the account's default */
  senderId?: string;
  /** an attempt that has not answered by then is transient (default 10 s) */
  timeoutMs?: number;
}

/** recipient codes the gateway took the message with: Processed, Sent, Queued */
const ACCEPTED = new Set([100, 101, 102]);
/** recipient codes of the gateway's own trouble (InternalServerError, GatewayError): worth another attempt */
const TRANSIENT = new Set([500, 501]);

interface Recipient {
  statusCode?: number;
  status?: string;
  messageId?: string;
}

export function africasTalkingSms(options: AfricasTalkingOptions): SmsProvider {
  const url = new URL("/version1/messaging", options.baseUrl).toString();
  return {
    name: "africastalking",
    async send(to, text): Promise<SmsSendResult> {
      const body = new URLSearchParams({
        username: options.username,
        to,
        message: text,
        ...(options.senderId ? { from: options.senderId } : {}),
      });
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            apiKey: options.apiKey,
            Accept: "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        return { outcome: "transient", code: timedOut ? "timeout" : "network" };
      }
      if (response.status >= 500) return { outcome: "transient", code: `http_${response.status}` };
      if (!response.ok) return { outcome: "refused", code: `http_${response.status}` };
      let recipient: Recipient | undefined;
      try {
        const answer = (await response.json()) as { SMSMessageData?: { Recipients?: Recipient[] } };
        recipient = answer.SMSMessageData?.Recipients?.[0];
      } catch {
        return { outcome: "transient", code: "unreadable_answer" };
      }
      if (!recipient || typeof recipient.statusCode !== "number") return { outcome: "refused", code: "no_recipient" };
      const code = `${recipient.statusCode} ${recipient.status ?? ""}`.trim();
      if (ACCEPTED.has(recipient.statusCode) && recipient.messageId)
        return { outcome: "accepted", providerMessageId: recipient.messageId };
      return TRANSIENT.has(recipient.statusCode) ? { outcome: "transient", code } : { outcome: "refused", code };
    },
    deliveryStatus: africasTalkingReportStatus,
  };
}

/**
 * What a delivery report's status means for the message: Success is delivered; Failed, Rejected,
 * Expired and AbsentSubscriber are undelivered; Sent, Submitted and Buffered are on their way.
 */
export function africasTalkingReportStatus(status: string): "delivered" | "undelivered" | "sent" | undefined {
  if (status === "Success") return "delivered";
  if (["Failed", "Rejected", "Expired", "AbsentSubscriber"].includes(status)) return "undelivered";
  if (["Sent", "Submitted", "Buffered"].includes(status)) return "sent";
  return undefined;
}
