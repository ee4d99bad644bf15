// The "scenario" namespace in Bangla (বাংলা). Words from docs/glossary-bn.md; formal চলিত ভাষা, আপনি-form.
import type { Catalog } from "../types.ts";
import type en from "../en/scenario.ts";

export default {
  bot: {
    propose: {
      builtAround: "আমরা {{issue}} প্রশ্নে {{option}}-কে কেন্দ্র করে একটি প্যাকেজ উত্থাপন করছি।",
      keeps: "আমাদের প্রস্তাবে {{issue}} প্রশ্নে “{{option}}” থাকছে; বাকি বিষয়ে ভারসাম্যের সুযোগ খোলা।",
      putForward: "আমরা {{issue}} প্রশ্নে {{option}} রেখে একটি খসড়া পেশ করছি।",
    },
    counter: {
      tooFar: "{{issue}} প্রশ্নে “{{option}}” আমাদের পক্ষে অনেক বেশি। আমরা ভিন্ন একটি ভারসাম্য প্রস্তাব করছি।",
      cannotSign: "{{issue}} প্রশ্নে “{{option}}”-এ আমরা স্বাক্ষর করতে পারি না। এই আমাদের পাল্টা প্রস্তাব।",
      asksTooMuch: "টেবিলে থাকা খসড়া {{issue}} প্রশ্নে আমাদের কাছে খুব বেশি চায়। আমরা অন্য একটি প্রস্তাব করছি।",
    },
    accept: {
      canAccept: "আমরা এই প্যাকেজ গ্রহণ করতে পারি।",
      canSign: "এটি এমন একটি খসড়া, যাতে {{name}} স্বাক্ষর করতে পারে।",
      canLiveWith: "{{issue}} প্রশ্নে {{option}} থাকলে এই প্যাকেজ আমরা মেনে নিতে পারি।",
    },
    reject: {
      cannotAccept: "{{issue}} প্রশ্নে “{{option}}” আমরা গ্রহণ করতে পারি না।",
      notSignable: "{{issue}} প্রশ্নে “{{option}}”-এ আমাদের পক্ষে স্বাক্ষর করা সম্ভব নয়।",
      doesNotMeet: "এই খসড়া {{issue}} প্রশ্নে আমাদের অবস্থানের কাছাকাছি আসেনি।",
    },
    walkAway: {
      noBasis: "সমঝোতার কোনো ভিত্তি আমরা দেখছি না; আমরা আলোচনা থেকে সরে দাঁড়াচ্ছি।",
    },
  },
  untranslated: "এখনো অনূদিত হয়নি: ইংরেজিতে দেখানো হচ্ছে",
} as const satisfies Catalog<typeof en>;
