// An access package assignment request's state (Graph's requestState), in words.
import { t } from '../shared/i18n';

const KNOWN_STATES = ['submitted', 'pendingApproval', 'delivering', 'delivered', 'deliveryFailed', 'denied'];

/** Known states in the user's language; any other as Graph names it. */
export const requestStateText = (state: string) => (KNOWN_STATES.includes(state) ? t(`request_${state}`) : state);
