/** A translation of catalog `T`: the same keys, every leaf a string (a missing or extra key is a type error). */
export type Catalog<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
