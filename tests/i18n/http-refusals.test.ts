// A refused HTTP request as people read it (issue 17: refusals shown to people come from the
// catalogs). The API's generic codes carry an English message; the client words them in the
// reader's language. A bad_request keeps the server's sentence (the forms take its field apart and
// word it themselves), as does a code the client has no sentence for.
import { afterEach, describe, expect, it } from "vitest";
import { setDigits, setLocale } from "../../client/i18n.ts";
import { apiRefusalText } from "../../client/net/refusals.ts";
import bnErrors from "../../shared/i18n/catalog/bn/errors.ts";
import enErrors from "../../shared/i18n/catalog/en/errors.ts";

afterEach(() => {
  setLocale("en");
  setDigits("native");
});

describe("apiRefusalText", () => {
  it("words the API's generic codes in the reader's language, not the server's English", () => {
    setLocale("bn");
    for (const code of ["not_found", "forbidden", "unauthorized", "rate_limited", "internal_error"] as const) {
      const text = apiRefusalText(404, code, `tournament 'abc' ${code}`);
      expect(text).toBe(bnErrors.http[code]);
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
    }
    setLocale("en");
    expect(apiRefusalText(404, "not_found", "tournament 'abc' not found")).toBe(enErrors.http.not_found);
  });

  it("keeps the server's sentence for a bad_request and for a code it has no words for; the status, in the reader's digits, when there is none", () => {
    setLocale("bn");
    expect(apiRefusalText(400, "bad_request", "create: field 'rounds' must be at most 50")).toBe("create: field 'rounds' must be at most 50");
    expect(apiRefusalText(503, "mail_unavailable", "this server sends no e-mail")).toBe("this server sends no e-mail");
    expect(apiRefusalText(502, undefined, undefined)).toBe("সার্ভার ৫০২ উত্তর দিয়েছে।");
    setDigits("latin");
    expect(apiRefusalText(502, undefined, undefined)).toBe("সার্ভার 502 উত্তর দিয়েছে।");
  });
});
