// The notification settings from the environment (server/config.ts): each wrong value is refused
// with one message naming the variable, MAIL_FROM is needed with SMTP_URL, and nothing set means no
// e-mail (the defaults).
import { describe, expect, it } from "vitest";
import { configFromEnv } from "../../server/config.ts";

describe("SMTP_URL, MAIL_FROM and PUBLIC_URL", () => {
  it("are empty by default: no e-mail, links from the opt-in's address", () => {
    const c = configFromEnv({});
    expect([c.smtpUrl, c.mailFrom, c.publicUrl]).toEqual(["", "", ""]);
  });

  it("take an SMTP URL with its sender, and a public URL without its trailing slash", () => {
    const c = configFromEnv({ SMTP_URL: "smtps://user:pw@mail.example.org:465", MAIL_FROM: "Cyber Accord <accord@example.org>", PUBLIC_URL: "https://accord.example.org/" });
    expect([c.smtpUrl, c.mailFrom, c.publicUrl]).toEqual(["smtps://user:pw@mail.example.org:465", "Cyber Accord <accord@example.org>", "https://accord.example.org"]);
    expect(configFromEnv({ SMTP_URL: "smtp://127.0.0.1:2525", MAIL_FROM: "accord@example.org" }).mailFrom).toBe("accord@example.org");
  });

  it("refuse what is wrong, naming the variable", () => {
    expect(() => configFromEnv({ SMTP_URL: "smtp://mail.example.org" })).toThrow("MAIL_FROM: needed with SMTP_URL (the sender of notification e-mails, e.g. 'Cyber Accord <accord@example.org>')");
    expect(() => configFromEnv({ SMTP_URL: "http://mail.example.org", MAIL_FROM: "a@example.org" })).toThrow("SMTP_URL: must start with smtp:// or smtps://, got 'http:'");
    expect(() => configFromEnv({ SMTP_URL: "smtp://mail.example.org", MAIL_FROM: "nobody" })).toThrow("MAIL_FROM: not an e-mail address ('Name <a@b.c>' or 'a@b.c'), got 'nobody'");
    expect(() => configFromEnv({ PUBLIC_URL: "accord.example.org" })).toThrow("PUBLIC_URL: not a URL: 'accord.example.org'");
    expect(() => configFromEnv({ PUBLIC_URL: "ftp://accord.example.org" })).toThrow("PUBLIC_URL: must start with https:// or http://, got 'ftp:'");
  });
});
