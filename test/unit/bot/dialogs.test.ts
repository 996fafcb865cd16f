/*
 * The bot's dialogs in memory, as one test file: botbuilder, the ticketing face and the knowledge
 * base then load once per run instead of once per file (seconds of CPU each).
 */
import './dialogs/verifyAdmin';
import './dialogs/openTicket';
import './dialogs/turnRules';
