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
    // A turn changed a state if it changed its JSON (the eTag read with it stays as it was).
    // botbuilder's calculateChangeHash compares the same text, but through a replacer on every
    // value and a SHA-256 of the result: four of them a turn cost more than the rest of the
    // state's upkeep.
    const before = states.map((state, i) => {
      // As BotState.load would cache it, without reading it again.
      state.clear(context);
      return JSON.stringify(Object.assign(state.get(context) as StoreItem, start.items[i]));
    });
    await work(start);
    const changes: StoreItems = {};
    states.forEach((state, i) => {
      const now = state.get(context) as StoreItem;
      if (JSON.stringify(now) !== before[i]) changes[items[i]!] = now;
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
