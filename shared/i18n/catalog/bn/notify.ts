// The "notify" namespace in Bangla (বাংলা). Words from docs/glossary-bn.md; formal চলিত ভাষা, আপনি-form.
import type { Catalog } from "../types.ts";
import type en from "../en/notify.ts";

export default {
} as const satisfies Catalog<typeof en>;
