// The "common" namespace in Bangla (বাংলা). Words from docs/glossary-bn.md; formal চলিত ভাষা, আপনি-form.
import type { Catalog } from "../types.ts";
import type en from "../en/common.ts";

export default {
  loading: "লোড হচ্ছে…",
  connecting: "সংযোগ হচ্ছে…",
  tryAgain: "আবার চেষ্টা করুন",
  backHome: "প্রথম পাতায় ফিরুন",
  dismiss: "সরিয়ে দিন",
  cancel: "বাতিল",
  package: "প্যাকেজ",
  walkAwayAt: "সরে দাঁড়ানোর সীমা {{points}}",
  hostKey: { use: "এই চাবি ব্যবহার করুন", label: "হোস্ট চাবি" },
  strategy: {
    easy: "সহজ",
    medium: "মাঝারি",
    hard: "কঠিন",
    conceder: "ছাড়দাতা",
    titForTat: "সমানে সমান",
    diplomat: "কূটনীতিক",
    hardliner: "কট্টরপন্থী",
    boulware: "অনড় (বুলওয়্যার)",
    linear: "ধাপে ধাপে ছাড়",
    random: "এলোমেলো",
  },
  protocol: {
    multilateral: "বহুপাক্ষিক: প্রতি দফায় একটি প্যাকেজ উত্থাপিত হয়, সবাই ভোট দেয়",
    alternating: "প্রতিনিধিদলগুলোর মধ্যে পর্যায়ক্রমিক প্রস্তাব",
  },
  duration: {
    days_one: "{{count}} দিন",
    days_other: "{{count}} দিন",
    hours: "{{count}} ঘণ্টা",
    minutes: "{{count}} মিনিট",
    seconds: "{{count}} সেকেন্ড",
    /** Two units of one length of time, the larger first: "1 day 12 h". */
    both: "{{larger}} {{smaller}}",
  },
  end: {
    agreement: "সমঝোতা হয়েছে",
    walkedAway: "{{name}} আলোচনা থেকে সরে দাঁড়িয়েছে",
    someoneWalkedAway: "একটি প্রতিনিধিদল আলোচনা থেকে সরে দাঁড়িয়েছে",
    deadline: "সময়সীমার মধ্যে কোনো সমঝোতা হয়নি",
    byFacilitator: "সঞ্চালক আলোচনা শেষ করেছেন",
    other: "আলোচনা শেষ হয়েছে",
  },
} as const satisfies Catalog<typeof en>;
