import { act } from '@testing-library/react';

/**
 * The person comes back to the tab: `SessionProvider` (with `refetchOnWindowFocus`, as `_app`
 * sets it) fetches the session again, as next-auth does on `visibilitychange`.
 * @see https://next-auth.js.org/getting-started/client#refetch-on-window-focus
 */
export function returnToTab(): void {
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}
