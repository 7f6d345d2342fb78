export {
  AckInput,
  type ActionContext,
  AssignInput,
  acknowledge,
  assign,
  CHANNELS,
  CloseInput,
  DismissInput,
  dismiss,
  FactsInput,
  monitor,
  provideFacts,
  recordStatement,
  resolve,
  StatementInput,
} from './actions.ts';
export { dueAction, dueTimes, statementBasis, statementClockStart } from './clock.ts';
export { type MentionOutcome, mentionFacts, opensIncident, processMention } from './detect.ts';
export { IncidentError } from './errors.ts';
export { bestMatch, eventWords, matchScore, similarity } from './event-match.ts';
export { isLive, STATE_NAMES, STATES, type State, transition } from './lifecycle.ts';
export { escapeHtml, incidentMessage, type Notice, vnTime } from './messages.ts';
export { type AlertOptions, notifyIncident } from './notify.ts';
export { deliverDue, MAX_ATTEMPTS, retryDelayMs } from './outbox.ts';
export {
  AuthorisationInput,
  addPerson,
  authorise,
  DesignationInput,
  designate,
  markPaper,
  PersonInput,
  requirePerson,
  seedPeopleFromConfig,
  speakerFor,
} from './people.ts';
export {
  AnswerInput,
  answerPressRequest,
  ComplianceInput,
  CorrectionInput,
  PressRequestInput,
  RefusalInput,
  recordCompliance,
  recordPressRequest,
  refusePressRequest,
  requestCorrection,
} from './press.ts';
export { departmentName, LEAD_NAMES, type Lead, leadOf, routeDepartment } from './routing.ts';
export { type RuleSet, ruleSet, ruleSetFor, ruleSets, warningOffsets } from './rule-sets.ts';
export { LEVEL_NAMES, LEVELS, type Level, levelRank, severity } from './severity.ts';
export { checkSpeaker, spokespeople } from './speakers.ts';
export { checkSpikes, isSpike } from './spikes.ts';
export { statisticsPeriod, yearlyStatistics } from './statistics.ts';
export { chooseTitle, type MentionFacts, summarise } from './summary.ts';
export { type SweepResult, sweepClock } from './sweeper.ts';
export { vnRemaining } from './time.ts';
export {
  createTransport,
  DeliveryError,
  isPermanent,
  signWebhook,
  type Transport,
  type TransportOptions,
  verifyWebhook,
} from './transport.ts';
