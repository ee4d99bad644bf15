// The "screens" namespace in Bangla (বাংলা). Words from docs/glossary-bn.md; formal চলিত ভাষা, আপনি-form.
import type { Catalog } from "../types.ts";
import type en from "../en/screens.ts";

export default {
  shell: {
    navLabel: "পর্দাসমূহ",
    homeLabel: "সাইবার অ্যাকর্ড, প্রথম পাতা",
    language: "ভাষা",
    digits: "অঙ্ক",
    digitsNative: "বাংলা অঙ্ক (০১২৩)",
    digitsLatin: "ইংরেজি অঙ্ক (0123)",
    loadFailed: "এই পর্দাটি লোড করা যায়নি",
    loadFailedHint: "আপনার সংযোগ পরীক্ষা করে পাতাটি আবার লোড করুন।",
  },
} as const satisfies Catalog<typeof en>;
