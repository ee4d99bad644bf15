// The "notify" namespace in English: the source every other language translates. Keys are used literally in the code as "notify:path.to.key".
export default {
} as const;
