import { use, type ComponentType } from 'react';

/** A page whose code is a chunk of its own, fetched when it is first shown or earlier with `preload`. */
export interface LazyPage {
  /** Starts fetching the page's chunk (once): on start, alongside the login check, for the page being opened. */
  preload(): Promise<ComponentType>;
  /** The page's component once its chunk has arrived. */
  loaded(): ComponentType | undefined;
}

export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | undefined;
  let component: ComponentType | undefined;
  return {
    preload() {
      loading ??= load().then(
        (arrived) => {
          component = arrived;
          return arrived;
        },
        (error: unknown) => {
          // Asked again on the next render rather than failing for good (a chunk missing after a new version).
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => component,
  };
}

/**
 * Shows a lazy page, suspending until its chunk arrives. Unlike React's lazy, a page whose chunk is already there
 * renders at once: lazy suspends on its first render even then, which shows the Suspense spinner for a frame.
 */
export function LazyPageView({ page }: { page: LazyPage }) {
  const Page = page.loaded() ?? use(page.preload());
  return <Page />;
}
