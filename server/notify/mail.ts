// E-mail through SMTP (nodemailer), configured by SMTP_URL and MAIL_FROM. No SMTP_URL: no mailer,
// and the e-mail opt-in is not offered (server/notify/routes.ts says so). nodemailer is loaded only
// then, when the mailer is made, not at every start (issue 16: a restart answers sooner).
import type { MailText } from "./message.ts";

export interface OutgoingMail extends MailText {
  to: string;
  /** The one-click unsubscribe address (RFC 8058): `List-Unsubscribe` and `List-Unsubscribe-Post`; none on a confirmation e-mail. */
  unsubscribe?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A mailer on `smtp://…` / `smtps://…` (options may ride in the URL's query, as nodemailer reads them). */
export async function smtpMailer(url: string, from: string): Promise<Mailer> {
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport(url, { from });
  return {
    async send(mail) {
      await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.unsubscribe
          ? { "List-Unsubscribe": `<${mail.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated" }
          : { "Auto-Submitted": "auto-generated" },
      });
    },
    close: () => transport.close(),
  };
}
