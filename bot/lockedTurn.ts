import { type PrivateConversationState, type StoreItem, type StoreItems, type TurnContext, type UserState } from 'botbuilder';
import type { TurnLock, TurnStart } from './ports';
import { personScopeOf } from './channels';

/**
 * Runs a turn of `conversationId` under the conversation lock with `states` loaded from what the
 * lock read as it was taken, and writes back the states the turn changed as the lock is let go:
 * two Redis round trips a turn (ConversationLock). `work` gets the rest of what was read.
 */
export async function runLockedTurn(
  lock: TurnLock,
  conversationId: string,
  states: (PrivateConversationState | UserState)[],
  context: TurnContext,
  work: (start: TurnStart) => Promise<void>,
): Promise<void> {
  const items = states.map((state) => storageKeyOf(state, context));
  await lock.run(conversationId, { items, scope: personScopeOf(context) }, async (start) => {
    states.forEach((state, i) => {
      // As BotState.load would cache it, without reading it again.
      state.clear(context);
      Object.assign(state.get(context) as StoreItem, start.items[i]);
    });
    await work(start);
    const changes: StoreItems = {};
    states.forEach((state, i) => {
      const now = state.get(context) as StoreItem;
      // Changed if its JSON is not the JSON read (which JSON.stringify wrote, and the eTag read
      // stays as it was): an unchanged state writes out the same text again, anything else at
      // worst costs a write. botbuilder's calculateChangeHash compares the same text, but through
      // a replacer on every value and a SHA-256 of the result, before and after every turn.
      if (JSON.stringify(now) !== (start.stored[i] ?? '{}')) changes[items[i]!] = now;
    });
    return changes;
  });
}

/** A state's storage key for this turn (as BotState.load would ask it). */
function storageKeyOf(state: PrivateConversationState | UserState, context: TurnContext): string {
  const key = state.getStorageKey(context);
  if (!key) throw new Error(`${state.constructor.name}: no storage key for this activity`);
  return key;
}
