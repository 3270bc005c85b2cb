/**
 * A change the server refused with 401 (it wants a token the operator set): forget the
 * token that was sent (it is wrong or stale), ask the person for one, and send the change
 * again with it, until it goes through, fails for another reason, or the person cancels.
 * Plain logic over a result-returning call, so it is tested without a browser.
 */

/** what this needs of a call's answer: the client's result type fits */
export type Refusable = { ok: true } | { ok: false; error: { status: number } };

export interface TokenKeeper {
  /** the token the next call will send, or null */
  current(): string | null;
  keep(token: string | null): void;
  /** asks the person; null when they cancel */
  ask(reason: string): Promise<string | null>;
}

export async function retryWithToken<R extends Refusable>(call: () => Promise<R>, keeper: TokenKeeper, setting: string): Promise<R> {
  for (;;) {
    const result = await call();
    if (result.ok || result.error.status !== 401) return result;
    const sent = keeper.current() !== null;
    keeper.keep(null);
    const given = await keeper.ask(
      sent
        ? `The server refused that token. Enter ${setting} as the operator set it to go on.`
        : `Changing the library needs the token the operator set on the server (${setting}).`,
    );
    if (given === null) return result;
    keeper.keep(given);
  }
}
