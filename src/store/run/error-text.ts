/** An error's message for the page (anything thrown, Error or not). */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
