import type { Route } from "../shell.ts";

/** A screen: mounted once into <main>, shown for its routes, disposed (every handler unbound) when left. */
export interface Screen {
  title?: string;
  mount(root: HTMLElement): void;
  show?(route: Route): void;
  /** Redraw every word in the new language without leaving (a screen without it is rebuilt). */
  relocalize?(): void;
  dispose(): void;
}
