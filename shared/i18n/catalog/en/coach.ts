// The "coach" namespace in English: the source every other language translates. Keys are used literally in the code as "coach:path.to.key".
export default {
} as const;
