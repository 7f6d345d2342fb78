export { type MentionOutcome, processMention } from './detect.ts';
export { escapeHtml, incidentMessage, vnTime } from './messages.ts';
export { deliverDue } from './outbox.ts';
export { LEVEL_NAMES, LEVELS, type Level, recipientsFor, routeDepartment } from './routing.ts';
export { type RuleSet, ruleSetFor, ruleSets } from './rule-sets.ts';
export { severity } from './severity.ts';
export { createTransport, type Transport, type TransportOptions } from './transport.ts';
